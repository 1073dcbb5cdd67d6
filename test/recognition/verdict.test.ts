import { describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLD, judge } from '../../src/recognition/verdict';

const probabilities = (entries: Record<number, number>) => {
  const rest =
    (1 - Object.values(entries).reduce((sum, p) => sum + p, 0)) / (10 - Object.keys(entries).length);
  return Array.from({ length: 10 }, (_, digit) => entries[digit] ?? rest);
};

describe('verdict', () => {
  it('has nothing to say without probabilities', () => {
    expect(judge(null)).toEqual({ kind: 'none' });
  });

  it.each([
    [{ 7: 0.93 }, { kind: 'sure', digit: 7 }],
    [{ 0: CONFIDENCE_THRESHOLD }, { kind: 'sure', digit: 0 }],
    [
      { 4: 0.45, 9: 0.4 },
      { kind: 'unsure', digit: 4, runnerUp: 9 },
    ],
    [
      { 9: 0.45, 4: 0.4 },
      { kind: 'unsure', digit: 9, runnerUp: 4 },
    ],
    [
      { 0: 0.3, 1: 0.29 },
      { kind: 'unsure', digit: 0, runnerUp: 1 },
    ],
    [
      { 8: 0.3, 0: 0.29 },
      { kind: 'unsure', digit: 8, runnerUp: 0 },
    ],
  ])('reads %o as %o', (entries, expected) => {
    const verdict = judge(probabilities(entries));
    expect(verdict).toMatchObject(expected);
    if (verdict.kind !== 'none') expect(verdict.confidence).toBeCloseTo(Math.max(...Object.values(entries)));
  });

  it('finds the runner-up wherever it is', () => {
    for (let top = 0; top < 10; top++) {
      for (let second = 0; second < 10; second++) {
        if (second === top) continue;
        const verdict = judge(probabilities({ [top]: 0.4, [second]: 0.35 }));
        expect(verdict).toEqual({ kind: 'unsure', digit: top, confidence: 0.4, runnerUp: second });
      }
    }
  });
});
