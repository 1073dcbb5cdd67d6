import { describe, expect, it } from 'vitest';
import { leastCertain, numberText, overallVerdict, shownDigit } from '../../src/recognition/number';
import { digitScores, type ReadingVerdict } from '../../src/recognition/verdict';

/** A verdict of `kind` on `digit` at `confidence` (the rest shared by the other digits). */
function verdict(kind: ReadingVerdict['kind'], digit: number, confidence: number): ReadingVerdict {
  const outputs = Array.from({ length: 10 }, (_, d) => (d === digit ? confidence : (1 - confidence) / 9));
  const scores = digitScores(outputs);
  if (kind === 'not-digit') return { kind, reason: 'not-a-digit', ...scores };
  return kind === 'unsure' ? { kind, orNotDigit: false, ...scores } : { kind, ...scores };
}

const sure = (digit: number, confidence = 0.95) => verdict('digit', digit, confidence);

describe('a number read off the pad', () => {
  it.each([
    ['nothing', [], ''],
    ['one digit', [sure(7)], '7'],
    ['a year', [sure(2), sure(0), sure(2), sure(6)], '2026'],
    ['a digit the page is unsure of keeps its top digit', [sure(1), verdict('unsure', 4, 0.5)], '14'],
    ['so does ink that is not a digit', [verdict('not-digit', 8, 0.9), sure(3)], '83'],
  ])('reads %s left to right', (_name, verdicts, text) => {
    expect(numberText(verdicts)).toBe(text);
  });

  it.each([
    ['every digit sure: the least confident', [sure(2, 0.99), sure(0, 0.9), sure(2, 0.97)], 1],
    ['unsure before a less confident sure one', [sure(2, 0.61), verdict('unsure', 0, 0.59)], 1],
    ['not a digit before anything', [verdict('unsure', 2, 0.3), verdict('not-digit', 0, 0.99)], 1],
    ['the leftmost of a tie', [sure(5), sure(5), sure(5)], 0],
    ['none of nothing', [], -1],
  ])('looks first at %s', (_name, verdicts, index) => {
    expect(leastCertain(verdicts)).toBe(index);
  });

  it('calls the whole what its most doubtful digit is', () => {
    expect(overallVerdict([]).kind).toBe('none');
    expect(overallVerdict([sure(1), sure(2)]).kind).toBe('digit');
    expect(overallVerdict([sure(1), verdict('unsure', 2, 0.5)]).kind).toBe('unsure');
    expect(overallVerdict([verdict('not-digit', 1, 0.9), verdict('unsure', 2, 0.5)]).kind).toBe('not-digit');
  });

  it('shows the digit chosen while it exists, else the least certain', () => {
    const verdicts = [sure(2, 0.99), sure(0, 0.8), sure(2, 0.97)];
    expect(shownDigit(verdicts, null)).toBe(1);
    expect(shownDigit(verdicts, 2)).toBe(2);
    expect(shownDigit(verdicts, 3)).toBe(1); // chosen, then undone away
    expect(shownDigit([], 0)).toBe(-1);
  });

  it('for every list, the least certain is none more doubtful than the rest (property)', () => {
    const kinds = ['digit', 'unsure', 'not-digit'] as const;
    for (let seed = 1; seed < 200; seed++) {
      const verdicts = Array.from({ length: 1 + (seed % 6) }, (_, i) =>
        verdict(kinds[(seed * (i + 3)) % 3], i, 0.3 + ((seed * 7 + i * 13) % 60) / 100),
      );
      const worst = verdicts[leastCertain(verdicts)];
      const rank = (v: ReadingVerdict) => kinds.indexOf(v.kind) * 10 - v.confidence;
      for (const other of verdicts) expect(rank(other)).toBeLessThanOrEqual(rank(worst) + 1e-12);
    }
  });
});
