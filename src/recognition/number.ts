/**
 * What the page says of everything on the pad: one reading is a digit as before; several are a
 * number, read left to right, each digit with its own verdict. Pure: the panel, the chart and the
 * contract's attributes all read it from here.
 */
import type { ReadingVerdict, Verdict } from './verdict';

/** How much a verdict asks for a second look: a digit least, "not a digit" most. */
const DOUBT: Record<ReadingVerdict['kind'], number> = { digit: 0, unsure: 1, 'not-digit': 2 };

/**
 * The digits read left to right, each as its top digit whatever its verdict (as `data-digit`
 * holds the top digit of a reading the page says is not a digit); empty when nothing is read.
 */
export function numberText(verdicts: readonly ReadingVerdict[]): string {
  return verdicts.map((verdict) => String(verdict.digit)).join('');
}

/**
 * The verdict of the whole: the most doubtful of its digits, so a number is only "digit" when
 * every digit in it is. Of equally doubtful ones, the least confident speaks for the number.
 */
export function overallVerdict(verdicts: readonly ReadingVerdict[]): Verdict {
  const index = leastCertain(verdicts);
  return index < 0 ? { kind: 'none' } : verdicts[index];
}

/**
 * The digit most worth a look: not-a-digit before unsure before sure, then the lowest confidence;
 * the leftmost of a tie. -1 when there is none.
 */
export function leastCertain(verdicts: readonly ReadingVerdict[]): number {
  let worst = -1;
  verdicts.forEach((verdict, index) => {
    if (worst < 0) return void (worst = index);
    const other = verdicts[worst];
    const doubt = DOUBT[verdict.kind] - DOUBT[other.kind];
    if (doubt > 0 || (doubt === 0 && verdict.confidence < other.confidence)) worst = index;
  });
  return worst;
}

/**
 * Which digit the chart and the preview show: the one the person chose while it still exists,
 * else the least certain.
 */
export function shownDigit(verdicts: readonly ReadingVerdict[], chosen: number | null): number {
  if (chosen !== null && chosen >= 0 && chosen < verdicts.length) return chosen;
  return leastCertain(verdicts);
}
