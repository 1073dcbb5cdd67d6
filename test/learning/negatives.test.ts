import { describe, expect, it } from 'vitest';
import { inkExtent, strokeBounds, type Stroke } from '../../src/digit';
import {
  densify,
  generateNegative,
  NEGATIVE_KINDS,
  NEGATIVE_PAD,
  placeDigit,
} from '../../src/learning/negatives';
import { createRandom } from '../../src/learning/random';

/** A "7" in its own units: the non-digits made of digits need some. */
const SEVEN: Stroke[] = [
  [
    { x: 0, y: 0 },
    { x: 50, y: 0 },
    { x: 20, y: 90 },
  ],
];

describe('generateNegative', () => {
  it.each(NEGATIVE_KINDS)('%s: strokes of finite points near the pad, the same for the same seed', (kind) => {
    for (let seed = 1; seed <= 50; seed++) {
      const strokes = generateNegative(kind, createRandom(seed), [SEVEN]);
      expect(strokes.length).toBeGreaterThan(0);
      const points = strokes.flat();
      expect(points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
      const bounds = strokeBounds(strokes)!;
      expect(bounds.minX).toBeGreaterThan(-NEGATIVE_PAD.side);
      expect(bounds.maxX).toBeLessThan(2 * NEGATIVE_PAD.side);
      expect(generateNegative(kind, createRandom(seed), [SEVEN])).toEqual(strokes);
    }
  });

  it('never draws a lone line closer than 40 degrees to vertical (a slanted 1)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const [line] = generateNegative('line', createRandom(seed), []);
      const [a, b] = [line[0], line.at(-1)!];
      const fromVertical = Math.atan2(Math.abs(b.x - a.x), Math.abs(b.y - a.y)) * (180 / Math.PI);
      expect(fromVertical).toBeGreaterThan(35); // 40 less the bend
    }
  });

  it('dots are smaller than a pen width each', () => {
    for (let seed = 1; seed <= 50; seed++) {
      for (const dot of generateNegative('dots', createRandom(seed), []))
        expect(inkExtent([dot])).toBeLessThan(NEGATIVE_PAD.lineWidth);
    }
  });

  it('two digits are side by side: twice as wide as one, or more', () => {
    const strokes = generateNegative('two-digits', createRandom(3), [SEVEN]);
    const bounds = strokeBounds(strokes)!;
    const one = strokeBounds(strokes.slice(0, 1))!;
    expect(bounds.maxX - bounds.minX).toBeGreaterThanOrEqual(2 * (one.maxX - one.minX) * 0.8);
  });
});

describe('densify and placeDigit', () => {
  it('densify keeps the corners and spaces points at most the step apart', () => {
    const points = densify(
      [
        { x: 0, y: 0 },
        { x: 30, y: 40 },
      ],
      6,
    );
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points.at(-1)).toEqual({ x: 30, y: 40 });
    for (let i = 1; i < points.length; i++)
      expect(Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y)).toBeLessThanOrEqual(
        6 + 1e-9,
      );
  });

  it.each([40, 120, 300])('placeDigit scales a digit to %i px tall at its corner', (height) => {
    const placed = strokeBounds(placeDigit(SEVEN, 10, 20, height))!;
    expect(placed.minX).toBeCloseTo(10);
    expect(placed.minY).toBeCloseTo(20);
    expect(placed.maxY - placed.minY).toBeCloseTo(height);
  });
});
