import type { Bounds, Point, Stroke } from '../digit';
import type { PadSize } from './padGeometry';
import { visibleStrokes, type StrokeHistory } from './strokeHistory';

/**
 * Where a stroke's centre line may run so that all of its ink, line width included, is on the
 * pad: the pad's rectangle, inset by half a line width. Clipping the centre lines to it (rather than
 * letting the canvas cut the pixels) gives strokes that are whole wherever they are drawn, so the
 * pad and the model's raster, which draw the same strokes, show exactly the same ink.
 */
export function inkArea(frame: PadSize, lineWidth: number): Bounds {
  const inset = lineWidth / 2;
  return { minX: inset, minY: inset, maxX: frame.width - inset, maxY: frame.height - inset };
}

const inside = ({ x, y }: Point, box: Bounds) =>
  x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY;

/**
 * The part of segment a-b inside `box` as fractions [t0, t1] along it, or null when none is
 * (Liang-Barsky: each edge of the box cuts the segment's parameter range).
 */
function clipSegment(a: Point, b: Point, box: Bounds): [number, number] | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - box.minX],
    [dx, box.maxX - a.x],
    [-dy, a.y - box.minY],
    [dy, box.maxY - a.y],
  ];
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else if (p < 0) {
      t0 = Math.max(t0, q / p);
    } else {
      t1 = Math.min(t1, q / p);
    }
  }
  return t0 <= t1 ? [t0, t1] : null;
}

const along = (a: Point, b: Point, t: number): Point =>
  t === 0 ? a : t === 1 ? b : { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };

/**
 * The strokes cut to `box`: a stroke that leaves the box and comes back becomes two strokes,
 * one that never enters it disappears. Inputs are never changed.
 */
export function clipStrokes(strokes: readonly Stroke[], box: Bounds): Stroke[] {
  const pieces: Stroke[] = [];
  for (const stroke of strokes) {
    if (stroke.length === 1) {
      if (inside(stroke[0], box)) pieces.push(stroke);
      continue;
    }
    let piece: Point[] = [];
    for (let i = 1; i < stroke.length; i++) {
      const [a, b] = [stroke[i - 1], stroke[i]];
      const span = clipSegment(a, b, box);
      if (span === null) continue;
      const [t0, t1] = span;
      // Entering from outside starts a new piece; the previous one ended where the stroke left.
      if (t0 > 0 || piece.length === 0) {
        if (piece.length > 0) pieces.push(piece);
        piece = [along(a, b, t0)];
      }
      piece.push(along(a, b, t1));
      if (t1 < 1) {
        pieces.push(piece);
        piece = [];
      }
    }
    if (piece.length > 0) pieces.push(piece);
  }
  return pieces;
}

/**
 * What the pad shows and the model reads: the visible strokes, cut to the ink area. One
 * function for both, so the person and the model always see the same ink.
 */
export function strokesOnPad(history: StrokeHistory): readonly Stroke[] {
  const strokes = visibleStrokes(history);
  // No frame yet (a pad never measured): nothing to clip against.
  if (history.frame.width <= 0 || history.frame.height <= 0) return strokes;
  return clipStrokes(strokes, inkArea(history.frame, history.lineWidth));
}
