import { strokeBounds, type Stroke } from '../digit';
import { shorterSide, type PadSize } from './padGeometry';

export interface SquareDrawing {
  readonly strokes: readonly Stroke[];
  /** The square pad's side, CSS px: the pad's shorter side, so the pen width still belongs to it. */
  readonly side: number;
}

/**
 * A drawing from a pad of size `frame` as the same ink on a square pad of its shorter side: what
 * the history keeps for one digit (square thumbnails, a pen-data row like any other). The ink is
 * moved along the pad's longer side only, to the square's middle; a square pad's drawing is
 * returned as it is. Ink wider than the square keeps its shape and runs past its edges.
 */
export function squareDrawing(strokes: readonly Stroke[], frame: PadSize): SquareDrawing {
  const side = shorterSide(frame);
  const bounds = strokeBounds(strokes);
  if (bounds === null || frame.width === frame.height) return { strokes, side };
  const wide = frame.width > frame.height;
  const shift = side / 2 - (wide ? bounds.minX + bounds.maxX : bounds.minY + bounds.maxY) / 2;
  const [dx, dy] = wide ? [shift, 0] : [0, shift];
  return { strokes: strokes.map((stroke) => stroke.map((p) => ({ x: p.x + dx, y: p.y + dy }))), side };
}
