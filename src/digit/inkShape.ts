import { tooSmallToRead } from './penWidth';
import type { Point, Stroke } from './types';

/**
 * What the ink's shape alone says, before any model reads it: it may be a digit (`readable`); it
 * is too small to read (a dot, a tick, scattered specks: `too-small`); or it is one straight
 * stroke lying too far from upright to be a 1 (`line`). Neither of the last two is a digit
 * whatever a model answers, so the page says so for certain rather than trusting a network to
 * have learned it.
 */
export type InkShape = 'readable' | 'too-small' | 'line';

/**
 * A stroke this far or further from vertical is no 1. UNIPEN's training and tuning writers slant
 * their 1s by up to 42 degrees (3 of 9,947 digits lean 40 or more, none by a test writer), the
 * UCI pen digits' writers by at most 24; none of 17,441 real digits is a straight stroke leaning
 * 45 degrees or more.
 */
export const MIN_LINE_DEGREES_FROM_VERTICAL = 45;

/**
 * How far a stroke may wander from the straight line between its ends and still be a line, as a
 * share of that line's length: a hand's slightly bent line passes (the generated ones bend up to
 * 0.075), while a 7 or an L drawn in one stroke leaves it by a third or more.
 */
export const MAX_LINE_BEND = 0.12;

const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

/** Longest distance of the stroke's points from the straight line between its ends, over that line's length. */
function bendOf(stroke: Stroke): number {
  const [start, end] = [stroke[0], stroke[stroke.length - 1]];
  const [dx, dy] = [end.x - start.x, end.y - start.y];
  const chord = distance(start, end);
  if (chord === 0) return Infinity;
  let farthest = 0;
  for (const p of stroke)
    farthest = Math.max(farthest, Math.abs(dx * (p.y - start.y) - dy * (p.x - start.x)));
  return farthest / (chord * chord);
}

/** The angle between the line from the stroke's first point to its last and the vertical, 0-90 degrees. */
function degreesFromVertical(stroke: Stroke): number {
  const [start, end] = [stroke[0], stroke[stroke.length - 1]];
  return (Math.atan2(Math.abs(end.x - start.x), Math.abs(end.y - start.y)) * 180) / Math.PI;
}

/** One stroke, straight (gone over once or more), and leaning too far to be a 1. */
export function isLyingLine(strokes: readonly Stroke[]): boolean {
  if (strokes.length !== 1 || strokes[0].length < 2) return false;
  const [stroke] = strokes;
  return bendOf(stroke) <= MAX_LINE_BEND && degreesFromVertical(stroke) >= MIN_LINE_DEGREES_FROM_VERTICAL;
}

/** What the ink's shape says (see `InkShape`), drawn on a pad whose pen is `padLineWidth` wide. */
export function inkShape(strokes: readonly Stroke[], padLineWidth: number): InkShape {
  if (tooSmallToRead(strokes, padLineWidth)) return 'too-small';
  return isLyingLine(strokes) ? 'line' : 'readable';
}
