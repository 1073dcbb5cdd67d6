import type { Stroke } from '../digit';

const path = (stroke: Stroke) => stroke.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');

/** A saved drawing as it was on the pad, scaled down: vector strokes, so no canvas per drawing. */
export function DrawingThumbnail({
  strokes,
  padSide,
  penWidth,
}: {
  readonly strokes: readonly Stroke[];
  readonly padSide: number;
  readonly penWidth: number;
}) {
  return (
    <svg className="thumbnail" viewBox={`0 0 ${padSide} ${padSide}`} aria-hidden="true" focusable="false">
      {strokes.map((stroke, i) => (
        <path key={i} d={stroke.length === 1 ? `${path(stroke)}l0 0` : path(stroke)} strokeWidth={penWidth} />
      ))}
    </svg>
  );
}
