import { beforeAll, describe, expect, it } from 'vitest';
import {
  inkExtent,
  inkShape,
  isLyingLine,
  MAX_LINE_BEND,
  MIN_LINE_DEGREES_FROM_VERTICAL,
  type InkShape,
  type Point,
  type Stroke,
} from '../../src/digit';
import { densify } from '../../src/learning/negatives';
import { createRandom, uniform } from '../../src/learning/random';
import { lineWidthForPad } from '../../src/pad/padGeometry';
import { loadPenDigits, loadUnipenTestDigits, heldOut, type PenDigit } from '../e2e/pendigits';

const PAD = 400;
const PEN = lineWidthForPad(PAD);
const CENTRE = { x: 200, y: 200 };

/** A line `length` px long through the pad's centre, `degrees` from vertical, bent sideways by `bend` of its length at its middle. */
function lineAt(degrees: number, length = 240, bend = 0): Stroke {
  const angle = (degrees * Math.PI) / 180;
  const [dx, dy] = [(Math.sin(angle) * length) / 2, (Math.cos(angle) * length) / 2];
  // The middle pushed along the line's normal (dy, -dx), scaled to `bend` of the whole length.
  const middle = { x: CENTRE.x + 2 * dy * bend, y: CENTRE.y - 2 * dx * bend };
  return densify([{ x: CENTRE.x - dx, y: CENTRE.y - dy }, middle, { x: CENTRE.x + dx, y: CENTRE.y + dy }]);
}

const dot = (x: number, y: number): Stroke => [{ x, y }];
/** One stroke through these corners, with points as a pointer gives them. */
const polyline = (...corners: [number, number][]): Stroke => densify(corners.map(([x, y]) => ({ x, y })));
const moved = (stroke: Stroke, by: Point, scale = 1): Stroke =>
  stroke.map((p) => ({ x: p.x * scale + by.x, y: p.y * scale + by.y }));

describe('what the ink’s shape says', () => {
  it.each<[string, Stroke[], InkShape]>([
    // Too small: no stroke spans a pen width, however far apart the strokes are.
    ['a dot', [dot(200, 200)], 'too-small'],
    ['a tick shorter than the pen is wide', [lineAt(0, PEN * 0.9)], 'too-small'],
    ['five dots scattered over the pad', [20, 120, 220, 320, 380].map((x) => dot(x, 400 - x)), 'too-small'],
    [
      'ticks scattered over the pad',
      [lineAt(90, PEN / 2), moved(lineAt(30, PEN / 2), { x: 150, y: 90 })],
      'too-small',
    ],
    ['a stroke as long as the pen is wide, and a dot', [lineAt(0, PEN), dot(20, 20)], 'readable'],
    // Lines: one straight stroke, lying at 45 degrees from vertical or more.
    ['a horizontal line', [lineAt(90)], 'line'],
    ['a line at 45 degrees', [lineAt(45)], 'line'],
    ['a line at 45 degrees the other way', [lineAt(-45)], 'line'],
    ['a line at 44 degrees (a slanted 1)', [lineAt(44)], 'readable'],
    ['a vertical line (a 1)', [lineAt(0)], 'readable'],
    ['a short horizontal dash, two pen widths long', [lineAt(90, 2 * PEN)], 'line'],
    ['a horizontal line bent a little', [lineAt(90, 240, MAX_LINE_BEND * 0.9)], 'line'],
    ['a horizontal arc', [lineAt(90, 240, 0.3)], 'readable'],
    ['two horizontal lines (an equals sign)', [lineAt(90), moved(lineAt(90), { x: 0, y: 60 })], 'readable'],
    ['a 7 in one stroke', [polyline([100, 80], [300, 80], [170, 330])], 'readable'],
    ['a line gone over again, out and back', [polyline([80, 200], [320, 200], [140, 200])], 'line'],
  ])('%s: %s', (_name, strokes, expected) => {
    expect(inkShape(strokes, PEN)).toBe(expected);
  });

  it('calls a stroke a line by its lean and bend alone: not where it is, its size, direction or mirror image', () => {
    const random = createRandom(4);
    for (let trial = 0; trial < 300; trial++) {
      const degrees = uniform(random, -90, 90);
      const bend = uniform(random, -0.2, 0.2);
      // Too near a boundary for floating point to be fair either way.
      if (Math.abs(Math.abs(degrees) - MIN_LINE_DEGREES_FROM_VERTICAL) < 1e-6) continue;
      if (Math.abs(Math.abs(bend) - MAX_LINE_BEND) < 1e-6) continue;
      const stroke = lineAt(degrees, 200, bend);
      const expected = Math.abs(degrees) >= MIN_LINE_DEGREES_FROM_VERTICAL && Math.abs(bend) <= MAX_LINE_BEND;
      const by = { x: uniform(random, -150, 150), y: uniform(random, -150, 150) };
      const variants = [
        stroke,
        moved(stroke, by, uniform(random, 0.2, 3)),
        stroke.map((p) => ({ x: 400 - p.x, y: p.y })),
        [...stroke].reverse(),
      ];
      for (const variant of variants) expect(isLyingLine([variant])).toBe(expected);
    }
  });
});

describe('the shape rules on real digits of writers no model learned from', () => {
  let digits: PenDigit[];
  beforeAll(async () => {
    digits = [...heldOut(await loadPenDigits()), ...(await loadUnipenTestDigits())];
  });

  it('never call a real digit a line, nor too small when drawn a fifth of the pad high', () => {
    expect(digits.length).toBeGreaterThan(3000);
    for (const digit of digits) {
      // A fifth of a 400 px pad high, with the pad's pen: 80 px, about four and a half pen widths.
      const scale = (0.2 * PAD) / Math.max(1, inkExtent(digit.strokes));
      const strokes = digit.strokes.map((stroke) => moved(stroke, { x: 0, y: 0 }, scale));
      expect(inkShape(strokes, PEN), `writer ${digit.writer}'s ${digit.label}`).toBe('readable');
    }
  });
});
