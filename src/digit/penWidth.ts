import { strokeBounds } from './strokes';
import type { Stroke } from './types';

/**
 * The pen the model reads with, relative to the digit's own size. People draw digits at any size
 * on a pad whose pen has one width; drawn small, a digit's strokes merge into a blob (a digit 10%
 * of the pad's height is as tall as two pen widths). The model input is redrawn from the vector
 * strokes anyway, so it is drawn with a pen no wider than this fraction of the digit's longer
 * side: the width MNIST's and the training pen digits' strokes have at most (training draws pen
 * digits at 0.05 to 0.15 of their size, and the evaluation at 0.06, 0.09 and 0.13).
 */
export const MAX_PEN_RATIO = 0.13;

/**
 * Ink none of whose strokes spans this many of the pad's pen widths is too small to read: a dot, a
 * tick, specks scattered over the pad. A digit a tenth of the pad's height spans about two pen
 * widths (the pen is 4.5% of the pad), and its longest stroke almost always one or more: of
 * 17,441 real digits, 4 have no stroke spanning 0.45 of the digit's longer side.
 */
export const MIN_READABLE_EXTENT_IN_PEN_WIDTHS = 1;

/** The longer side of the rectangle the strokes' centre lines span; 0 for a single point or none. */
export function inkExtent(strokes: readonly Stroke[]): number {
  const bounds = strokeBounds(strokes);
  return bounds ? Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY) : 0;
}

/**
 * The line width the model's input is drawn with: the pad's own while the digit is big enough
 * for it, thinner for a small digit. Never thinner than a quarter of the pad's pen, so a dot
 * stays a dot rather than vanishing.
 */
export function readingLineWidth(strokes: readonly Stroke[], padLineWidth: number): number {
  const followsDigit = MAX_PEN_RATIO * inkExtent(strokes);
  return Math.min(padLineWidth, Math.max(followsDigit, padLineWidth / 4));
}

/** True when the ink is too small for any reading to mean anything (see the constant above). */
export function tooSmallToRead(strokes: readonly Stroke[], padLineWidth: number): boolean {
  const readable = MIN_READABLE_EXTENT_IN_PEN_WIDTHS * padLineWidth;
  return strokes.every((stroke) => inkExtent([stroke]) < readable);
}
