import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../src/digit/types';
import {
  chooseGrouping,
  groupKey,
  proposeGroupings,
  type GroupScore,
  type Grouping,
  type StrokeGroup,
} from '../../src/number';
import { place, SHAPES, writeNumber, type ShapeName } from './shapes';

const keysOf = (groups: readonly StrokeGroup[]) => groups.map(groupKey);

/**
 * A classifier that reads the true digits well and anything else badly (a merged pair or a
 * fragment: unsure and likely "not a digit"): what the model does for clean ink.
 */
function readsTruth(truth: readonly StrokeGroup[]) {
  const digits = new Set(keysOf(truth));
  return (group: StrokeGroup): GroupScore =>
    digits.has(groupKey(group))
      ? { digitProbability: 0.97, notDigit: 0.02 }
      : { digitProbability: 0.6, notDigit: 0.5 };
}

/** A classifier that finds every group equally convincing: geometry alone decides. */
const readsAllAlike = (): GroupScore => ({ digitProbability: 0.9, notDigit: 0.05 });

const choose = (strokes: readonly Stroke[], scoreOf: (group: StrokeGroup) => GroupScore): Grouping =>
  chooseGrouping(proposeGroupings(strokes), scoreOf);

interface Case {
  readonly name: string;
  readonly strokes: readonly Stroke[];
  /** The digits' stroke indices, left to right. */
  readonly truth: readonly StrokeGroup[];
  /** Geometry alone gets it right; false where the classifier's reading must decide. */
  readonly geometryAlone: boolean;
}

/** A number whose digits' strokes are written in this order (indices into the number's strokes). */
function reordered(shapes: ShapeName[], order: (digits: number[][]) => number[], gap = 30): Case['strokes'] {
  const { strokes, digits } = writeNumber(shapes, { gap });
  return order(digits).map((s) => strokes[s]);
}

const numberCase = (name: string, shapes: ShapeName[], options = {}, geometryAlone = true): Case => {
  const { strokes, digits } = writeNumber(shapes, options);
  return { name, strokes, truth: digits, geometryAlone };
};

const HARD_CASES: Case[] = [
  {
    name: 'a 4 whose stem is drawn after the next digit (42)',
    // Stroke order: the 4's hook, the 2, then the 4's stem.
    strokes: reordered(['four', 'two'], ([four, two]) => [four[0], ...two, four[1]]),
    truth: [[0, 2], [1]],
    geometryAlone: true,
  },
  {
    name: 'a 5 whose bar is drawn after the next digit (53, 5 then 0 then the bar)',
    strokes: reordered(['five', 'zero'], ([five, zero]) => [five[0], ...zero, five[1]]),
    truth: [[0, 2], [1]],
    geometryAlone: true,
  },
  {
    name: 'a 7 crossed after the next digit (71)',
    strokes: reordered(['sevenCrossed', 'one'], ([seven, one]) => [seven[0], ...one, seven[1]]),
    truth: [[0, 2], [1]],
    geometryAlone: true,
  },
  numberCase('an open 4 drawn apart, alone', ['fourApart'], {}, false),
  numberCase('an open 4 drawn apart, in 141', ['one', 'fourApart', 'one'], {}, false),
  numberCase('a crossed 7 in 707', ['sevenCrossed', 'zero', 'sevenCrossed']),
  numberCase('a 1 with a serif in 101', ['oneWithSerif', 'zero', 'oneWithSerif']),
  numberCase('1s with a base, side by side (11)', ['oneWithBase', 'oneWithBase'], { gap: 25 }),
  numberCase('a 1 with a base touching a 0 (10)', ['oneWithBase', 'zero'], { gap: 0 }),
  numberCase('digits that touch (2026)', ['two', 'zero', 'two', 'six'], { gap: 0 }, false),
  numberCase('digits that slightly overlap (2026)', ['two', 'zero', 'two', 'six'], { gap: -6 }, false),
  numberCase('uneven sizes on a sloping baseline (2026)', ['two', 'zero', 'two', 'six'], {
    heights: [100, 70, 120, 80],
    slope: 0.15,
  }),
  numberCase(
    'a falling baseline with touching digits (4572)',
    ['four', 'five', 'sevenCrossed', 'two'],
    {
      gap: 2,
      slope: -0.2,
    },
    false,
  ),
  {
    name: 'a digit added in the middle later (26, then a 0 between them)',
    strokes: (() => {
      const { strokes } = writeNumber(['two', 'zero', 'six']);
      return [strokes[0], strokes[2], strokes[1]];
    })(),
    truth: [[0], [2], [1]],
    geometryAlone: true,
  },
  ...(['four', 'five', 'sevenCrossed', 'equals', 'oneWithBase', 'oneWithSerif'] as const).map((name) =>
    numberCase(`a single ${name} stays one digit`, [name]),
  ),
];

describe('segmenting strokes into digits: the hard cases', () => {
  it.each(HARD_CASES)('$name: the true grouping is proposed', ({ strokes, truth }) => {
    const proposed = proposeGroupings(strokes).map((candidate) => keysOf(candidate.groups).join('|'));
    expect(proposed).toContain(keysOf(truth).join('|'));
  });

  it.each(HARD_CASES)('$name: chosen when the classifier reads the digits well', ({ strokes, truth }) => {
    expect(keysOf(choose(strokes, readsTruth(truth)).groups)).toEqual(keysOf(truth));
  });

  it.each(HARD_CASES.filter((c) => c.geometryAlone))(
    '$name: chosen by geometry alone',
    ({ strokes, truth }) => {
      expect(keysOf(choose(strokes, readsAllAlike).groups)).toEqual(keysOf(truth));
    },
  );

  it('leaves the choice to the classifier where a digit may be drawn apart', () => {
    const { strokes } = writeNumber(['fourApart']);
    const groupings = proposeGroupings(strokes).map((c) => c.groups.length);
    expect(groupings.sort()).toEqual([1, 2]);
  });
});

describe('one digit in, one group out', () => {
  const sizes = [12, 40, 100, 400];
  const singles = (Object.keys(SHAPES) as ShapeName[]).flatMap((name) =>
    sizes.map((height) => ({ name, height, strokes: place(SHAPES[name], { x: 37, y: 11, height }) })),
  );

  it.each(singles)('a $name $height px tall, read as clean ink, is one group', ({ strokes }) => {
    const all = strokes.map((_, s) => s);
    expect(choose(strokes, readsTruth([all])).groups).toEqual([all]);
  });

  it.each(singles.filter((s) => s.name !== 'fourApart'))(
    'a $name $height px tall is one group by geometry alone',
    ({ strokes }) => {
      expect(choose(strokes, readsAllAlike).groups).toHaveLength(1);
    },
  );
});
