import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../src/digit/types';
import { createRandom, uniform, type Random } from '../../src/learning/random';
import { chooseGrouping, groupKey, proposeGroupings, uniqueGroups } from '../../src/number';
import { SHAPES, writeNumber, type ShapeName } from './shapes';

const NAMES = Object.keys(SHAPES) as ShapeName[];

/** A random number of 1 to 6 shapes, random gaps, sizes and slope: seeded, so failures repeat. */
function randomNumber(random: Random): Stroke[] {
  const count = 1 + Math.floor(random() * 6);
  const shapes = Array.from({ length: count }, () => NAMES[Math.floor(random() * NAMES.length)]);
  return writeNumber(shapes, {
    gap: uniform(random, -10, 60),
    heights: shapes.map(() => uniform(random, 60, 130)),
    slope: uniform(random, -0.2, 0.2),
  }).strokes;
}

const random = createRandom(20260);
const drawings = Array.from({ length: 60 }, (_, i) => ({ i, strokes: randomNumber(random) }));

const middleOf = (strokes: readonly Stroke[], group: readonly number[]) => {
  const xs = group.flatMap((s) => strokes[s].map((p) => p.x));
  return (Math.min(...xs) + Math.max(...xs)) / 2;
};

describe('every proposed grouping', () => {
  it.each(drawings)('puts every stroke in exactly one group (drawing $i)', ({ strokes }) => {
    for (const { groups } of proposeGroupings(strokes)) {
      expect(groups.flat().sort((a, b) => a - b)).toEqual(strokes.map((_, s) => s));
    }
  });

  it.each(drawings)('orders its groups left to right (drawing $i)', ({ strokes }) => {
    for (const { groups } of proposeGroupings(strokes)) {
      const middles = groups.map((group) => middleOf(strokes, group));
      expect(middles).toEqual([...middles].sort((a, b) => a - b));
    }
  });

  it.each(drawings)('has a finite prior, at most 0 (drawing $i)', ({ strokes }) => {
    for (const { prior } of proposeGroupings(strokes)) {
      expect(Number.isFinite(prior)).toBe(true);
      expect(prior).toBeLessThanOrEqual(0);
    }
  });
});

describe('the proposals', () => {
  it.each(drawings)('are few, and so are the rows to read (drawing $i)', ({ strokes }) => {
    const candidates = proposeGroupings(strokes);
    expect(candidates.length).toBeLessThanOrEqual(32);
    expect(uniqueGroups(candidates).length).toBeLessThanOrEqual(3 * strokes.length);
  });

  it.each(drawings)('list each distinct group once (drawing $i)', ({ strokes }) => {
    const keys = uniqueGroups(proposeGroupings(strokes)).map(groupKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Scaled by powers of two and moved by whole pixels, so that rounding cannot tip a threshold.
  it.each(drawings)(
    'depend on the ink alone, not its place or size on the pad (drawing $i)',
    ({ strokes }) => {
      const summary = (s: readonly Stroke[]) =>
        proposeGroupings(s).map((c) => [c.groups.map(groupKey).join('|'), c.prior.toFixed(6)]);
      const moved = (scale: number, dx: number, dy: number) =>
        strokes.map((stroke) => stroke.map((p) => ({ x: scale * p.x + dx, y: scale * p.y + dy })));
      expect(summary(moved(4, 0, 0))).toEqual(summary(strokes));
      expect(summary(moved(0.5, 0, 0))).toEqual(summary(strokes));
      expect(summary(moved(1, 37, -12))).toEqual(summary(strokes));
    },
  );

  it('leave the strokes as they were', () => {
    const strokes = drawings[0].strokes;
    const before = JSON.stringify(strokes);
    proposeGroupings(Object.freeze(strokes.map((stroke) => Object.freeze([...stroke]))));
    expect(JSON.stringify(strokes)).toBe(before);
  });

  it('of a blank pad are one grouping with no groups, chosen as no digits', () => {
    expect(proposeGroupings([])).toEqual([{ groups: [], prior: 0 }]);
    expect(chooseGrouping(proposeGroupings([]), () => ({ digitProbability: 1, notDigit: 0 })).groups).toEqual(
      [],
    );
  });

  it('of a single stroke are that stroke alone', () => {
    expect(proposeGroupings([SHAPES.two[0]])).toEqual([{ groups: [[0]], prior: 0 }]);
  });
});

describe('choosing a grouping', () => {
  const candidates = [
    { groups: [[0, 1]], prior: Math.log(0.5) },
    { groups: [[0], [1]], prior: Math.log(0.5) },
  ];
  const reads =
    (merged: number, apart: number, notDigit = 0.01) =>
    (group: readonly number[]) => ({
      digitProbability: group.length === 2 ? merged : apart,
      notDigit,
    });

  it.each([
    ['a sure reading of the whole over two unsure halves', reads(0.99, 0.5), 1],
    ['two sure readings over an unsure whole', reads(0.5, 0.99), 2],
  ])('prefers %s', (_name, scoreOf, groups) => {
    expect(chooseGrouping(candidates, scoreOf).groups).toHaveLength(groups);
  });

  it('lets "not a digit" count against a group', () => {
    const scoreOf = (group: readonly number[]) =>
      group.length === 2
        ? { digitProbability: 0.99, notDigit: 0.9 }
        : { digitProbability: 0.9, notDigit: 0.01 };
    expect(chooseGrouping(candidates, scoreOf).groups).toHaveLength(2);
  });

  it('charges a cost per extra digit when asked to', () => {
    const even = reads(0.8, 0.95);
    expect(chooseGrouping(candidates, even).groups).toHaveLength(2);
    expect(chooseGrouping(candidates, even, { groupCost: 1 }).groups).toHaveLength(1);
  });
});
