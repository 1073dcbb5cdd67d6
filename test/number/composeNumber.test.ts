import { describe, expect, it } from 'vitest';
import type { PenSample } from '../../src/digit/penData';
import { createRandom } from '../../src/learning/random';
import { composeNumber, digitsByWriter, type ComposedNumber } from '../../src/number/composeNumber';
import { SHAPES } from './shapes';

/** Three writers with every digit: a one-stroke shape, or a two-stroke 4, 5 and 7. */
const SHAPE_OF: Record<number, readonly (readonly { x: number; y: number }[])[]> = {
  0: SHAPES.zero,
  1: SHAPES.one,
  2: SHAPES.two,
  4: SHAPES.four,
  5: SHAPES.five,
  6: SHAPES.six,
  7: SHAPES.sevenCrossed,
};
const samples: PenSample<number>[] = ['a', 'b', 'c'].flatMap((writer, w) =>
  Array.from({ length: 10 }, (_, label) => ({
    label,
    writer,
    index: w * 10 + label,
    // The writer shows in the sample: writer w's first stroke ends with w repeated points.
    strokes: (SHAPE_OF[label] ?? SHAPES.two).map((stroke, s) =>
      s === 0 ? [...stroke, ...Array.from({ length: w }, () => stroke[stroke.length - 1])] : stroke,
    ),
  })),
);
const pool = digitsByWriter(samples);
const pad = { width: 720, height: 400 };
const compose = (seed: number, count = 200): ComposedNumber[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => composeNumber(pool, random, { pad }));
};

describe('composed numbers', () => {
  const numbers = compose(3);

  it('are the same under the same seed, and differ under another', () => {
    expect(compose(3)).toEqual(numbers);
    expect(compose(4)).not.toEqual(numbers);
  });

  it('have 2 to 6 digits, each length occurring', () => {
    const lengths = new Set(numbers.map((n) => n.digits.length));
    expect([...lengths].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('are each written by one writer', () => {
    const baseLength = (label: number) => (SHAPE_OF[label] ?? SHAPES.two)[0].length;
    for (const { strokes, digits, digitStrokes, writer } of numbers) {
      const writers = digits.map((label, d) => strokes[digitStrokes[d][0]].length - baseLength(label));
      expect(new Set(writers).size).toBe(1);
      expect(['a', 'b', 'c'][writers[0]]).toBe(writer);
    }
  });

  it('give each digit its own strokes, every stroke to one digit', () => {
    for (const { strokes, digitStrokes, digits } of numbers) {
      expect(digitStrokes).toHaveLength(digits.length);
      expect(digitStrokes.flat().sort((a, b) => a - b)).toEqual(strokes.map((_, s) => s));
    }
  });

  it('lie on the pad, digits left to right', () => {
    for (const { strokes, digitStrokes } of numbers) {
      for (const { x, y } of strokes.flat()) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(pad.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(pad.height);
      }
      const lefts = digitStrokes.map((group) =>
        Math.min(...group.flatMap((s) => strokes[s].map((p) => p.x))),
      );
      expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    }
  });

  it('sometimes finish a 4, 5 or 7 after the next digit, its first stroke still in order', () => {
    const delayed = numbers.filter((n) => n.delayedStroke);
    expect(delayed.length).toBeGreaterThan(0);
    for (const { digits, digitStrokes } of delayed) {
      const late = digitStrokes.findIndex(
        (group, d) => group.length > 1 && group[1] > digitStrokes[d + 1]?.[0],
      );
      expect([4, 5, 7]).toContain(digits[late]);
      expect(digitStrokes[late][1]).toBeGreaterThan(Math.max(...digitStrokes[late + 1]));
    }
  });
});
