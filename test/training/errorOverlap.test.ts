import { describe, expect, it } from 'vitest';
import { errorOverlap, type ModelReadings } from '../../training/errorOverlap';

/** A model that answers `digits`, sure of each answer. */
function model(name: string, digits: number[]): ModelReadings {
  return {
    name,
    digits,
    probabilities: digits.map((d) => Array.from({ length: 10 }, (_, i) => (i === d ? 0.9 : 0.1 / 9))),
  };
}

describe('where models fail together and apart', () => {
  const labels = [1, 1, 7, 4, 9, 2];
  const reference = model('cnn', [7, 7, 7, 4, 4, 2]); // wrong on 0, 1, 4
  const large = model('large', [7, 1, 7, 9, 4, 2]); // wrong on 0, 3, 4
  const dense = model('dense', [7, 9, 1, 4, 4, 2]); // wrong on 0, 1, 2, 4

  it('counts each model, the drawings all miss and what each other model fixes and breaks', () => {
    const figures = errorOverlap(labels, [reference, large, dense]);
    expect(figures.accuracy).toEqual([
      { name: 'cnn', accuracy: 3 / 6 },
      { name: 'large', accuracy: 3 / 6 },
      { name: 'dense', accuracy: 2 / 6 },
    ]);
    expect(figures.wrongByAll).toEqual([0, 4]);
    expect(figures.sameWrongByAll).toEqual([0, 4]);
    expect(figures.anyRightAccuracy).toBeCloseTo(4 / 6);
    expect(figures.fixedByAnother).toEqual([1]);
    expect(figures.againstReference).toEqual([
      { name: 'large', fixes: 1, breaks: 1 },
      { name: 'dense', fixes: 0, breaks: 1 },
    ]);
    expect(figures.confusions).toEqual([
      { label: 1, read: 7, count: 1 },
      { label: 9, read: 4, count: 1 },
    ]);
  });

  it('reads the mean of the probabilities as one answer', () => {
    const unsure = (name: string, digit: number, p: number, other: number): ModelReadings => ({
      name,
      digits: [digit],
      probabilities: [Array.from({ length: 10 }, (_, i) => (i === digit ? p : i === other ? 1 - p : 0))],
    });
    // One sure 3 (0.6 against 5) outweighs one unsure 5 (0.55 against 3): the mean says 3.
    const figures = errorOverlap([3], [unsure('a', 3, 0.6, 5), unsure('b', 5, 0.55, 3)]);
    expect(figures.accuracy.map((a) => a.accuracy)).toEqual([1, 0]);
    expect(figures.ensembleAccuracy).toBe(1);
    expect(errorOverlap([5], [unsure('a', 3, 0.6, 5), unsure('b', 5, 0.55, 3)]).ensembleAccuracy).toBe(0);
  });

  it('tells a wrong digit shared by all from different wrong digits', () => {
    const other = model('other', [9, 7, 7, 4, 4, 2]); // wrong on 0 (as 9, not 7), 1 and 4 (as 7 and 4)
    const figures = errorOverlap(labels, [reference, other]);
    expect(figures.wrongByAll).toEqual([0, 1, 4]);
    expect(figures.sameWrongByAll).toEqual([1, 4]);
  });

  it('refuses readings that do not match the drawings', () => {
    expect(() => errorOverlap(labels, [model('short', [1, 1])])).toThrow(/short: 2 readings for 6 drawings/);
    expect(() => errorOverlap(labels, [])).toThrow(/at least one model/);
  });
});
