/**
 * The figures `npm run test:accuracy` reports, from what the page showed for each drawing. Pure:
 * no browser, so the arithmetic is unit-tested (test/bench/accuracyReport.test.ts).
 */
import type { PenLabel, PenSample } from '../../src/digit/penData';
import type { Prediction } from './padPage';
import { describeDigit } from './pendigits';

/** One drawing and what the page showed for it once all its strokes were read. */
export interface Outcome<Label extends PenLabel> {
  readonly sample: PenSample<Label>;
  readonly shown: Prediction;
}

export interface DigitFigures {
  readonly total: number;
  /** `data-digit` is the true digit: the model's top digit, whatever the verdict. */
  readonly right: number;
  /** `data-verdict="not-digit"`: the page said it was no digit at all. */
  readonly notDigit: number;
  /** `data-verdict="unsure"`: the page named two candidates. */
  readonly unsure: number;
  /** Right, and not called "not a digit": what a person sees answered correctly. */
  readonly rightShown: number;
}

export function digitFigures(outcomes: readonly Outcome<number>[]): DigitFigures {
  const right = outcomes.filter(({ sample, shown }) => shown.digit === sample.label);
  return {
    total: outcomes.length,
    right: right.length,
    notDigit: outcomes.filter(({ shown }) => shown.verdict === 'not-digit').length,
    unsure: outcomes.filter(({ shown }) => shown.verdict === 'unsure').length,
    rightShown: right.filter(({ shown }) => shown.verdict !== 'not-digit').length,
  };
}

export interface LetterFigures {
  readonly total: number;
  readonly notDigit: number;
  readonly unsure: number;
  /** Answered as a digit, sure of it: what must not happen to a letter. */
  readonly digit: number;
  /** Per letter: how many were drawn, and how many were answered as a sure digit. */
  readonly byLetter: ReadonlyMap<string, { readonly total: number; readonly digit: number }>;
}

export function letterFigures(outcomes: readonly Outcome<string>[]): LetterFigures {
  const byLetter = new Map<string, { total: number; digit: number }>();
  for (const { sample, shown } of outcomes) {
    const counts = byLetter.get(sample.label) ?? { total: 0, digit: 0 };
    counts.total++;
    if (shown.verdict === 'digit') counts.digit++;
    byLetter.set(sample.label, counts);
  }
  const count = (verdict: Prediction['verdict']) =>
    outcomes.filter(({ shown }) => shown.verdict === verdict).length;
  return {
    total: outcomes.length,
    notDigit: count('not-digit'),
    unsure: count('unsure'),
    digit: count('digit'),
    byLetter,
  };
}

/** `n` of `total` as a percentage with two decimals. */
export const percent = (n: number, total: number) =>
  total === 0 ? '-' : `${((n / total) * 100).toFixed(2)}%`;

/** Percentage points between two shares, `a` minus `b`. */
export const points = (a: number, aTotal: number, b: number, bTotal: number) =>
  aTotal === 0 || bTotal === 0 ? '-' : `${((a / aTotal - b / bTotal) * 100).toFixed(2)} points`;

/** Rows: the true digit; columns: the top digit shown (0-9), then how many the page called no digit. */
export function confusionTable(outcomes: readonly Outcome<number>[]): string[] {
  const confusion = Array.from({ length: 10 }, () => Array<number>(11).fill(0));
  for (const { sample, shown } of outcomes) {
    if (shown.digit !== null) confusion[sample.label][shown.digit]++;
    if (shown.verdict === 'not-digit') confusion[sample.label][10]++;
  }
  const rows = confusion.map((row, label) => {
    const total = outcomes.filter(({ sample }) => sample.label === label).length;
    const share = total === 0 ? '-' : `${((row[label] / total) * 100).toFixed(1)}%`;
    return `  ${label} | ${row.map((n) => String(n).padStart(4)).join('')} | ${share.padStart(6)}`;
  });
  return [
    `confusion (rows: true digit; columns: top digit 0-9, then how many of the row the page called not a digit):`,
    `    | ${Array.from({ length: 10 }, (_, d) => String(d).padStart(4)).join('')}  not |`,
    ...rows,
  ];
}

/** The headline of a run of digits: accuracy, and how often the page said unsure or not a digit. */
export function digitSummary(figures: DigitFigures): string {
  const { total, right, notDigit, unsure, rightShown } = figures;
  return [
    `accuracy ${right}/${total} = ${percent(right, total)}`,
    `answered not-digit ${notDigit} = ${percent(notDigit, total)}`,
    `unsure ${unsure} = ${percent(unsure, total)}`,
    `right and not called not-digit ${percent(rightShown, total)}`,
  ].join(', ');
}

/** A run of digits: its summary, confusion table and first misreads. */
export function digitReport(title: string, outcomes: readonly Outcome<number>[], misreadsShown = 20): string {
  const misread = outcomes.filter(
    ({ sample, shown }) => shown.digit !== sample.label || shown.verdict === 'not-digit',
  );
  return [
    `${title}: ${digitSummary(digitFigures(outcomes))}`,
    ...confusionTable(outcomes),
    `misread or called not a digit (first ${Math.min(misreadsShown, misread.length)} of ${misread.length}):`,
    ...misread
      .slice(0, misreadsShown)
      .map(
        ({ sample, shown }) => `  ${describeDigit(sample)} shown as ${shown.verdict} ${shown.digit ?? '-'}`,
      ),
  ].join('\n');
}

/** Letters: the share answered not-digit or unsure, and the letters most often taken for a digit. */
export function letterReport(title: string, outcomes: readonly Outcome<string>[]): string {
  const { total, notDigit, unsure, digit, byLetter } = letterFigures(outcomes);
  const worst = [...byLetter.entries()]
    .filter(([, counts]) => counts.digit > 0)
    .sort(([a, x], [b, y]) => y.digit / y.total - x.digit / x.total || a.localeCompare(b))
    .slice(0, 10)
    .map(([letter, counts]) => `${letter} ${counts.digit}/${counts.total}`);
  return [
    `${title}: not-digit or unsure ${notDigit + unsure}/${total} = ${percent(notDigit + unsure, total)} ` +
      `(not-digit ${percent(notDigit, total)}, unsure ${percent(unsure, total)}, a sure digit ${percent(digit, total)})`,
    `  letters most often answered as a sure digit: ${worst.length > 0 ? worst.join(', ') : 'none'}`,
  ].join('\n');
}

/** The same digits small and big: the accuracy of each and the gap between them. */
export function sizeReport(small: readonly Outcome<number>[], big: readonly Outcome<number>[]): string {
  const s = digitFigures(small);
  const b = digitFigures(big);
  return [
    `  10% of the pad high: ${digitSummary(s)}`,
    `  60% of the pad high: ${digitSummary(b)}`,
    `  gap (60% minus 10%): accuracy ${points(b.right, b.total, s.right, s.total)}, ` +
      `right and not called not-digit ${points(b.rightShown, b.total, s.rightShown, s.total)}`,
  ].join('\n');
}
