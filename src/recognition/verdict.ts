import { NUM_CLASSES, type InkShape } from '../digit';
import type { NotDigitScore } from '../model/catalog';

/**
 * Below this belief in the top digit the page says it is unsure. A softmax leaves a well-formed
 * digit at 0.9 or more; at under 0.6, at least two fifths of the belief sits elsewhere: in
 * practice almost always on one look-alike (4/9, 3/5, 1/7), or, for a model that can say so, on
 * "not a digit", so naming both is more useful than naming one. Higher would flag most sloppy
 * but correct digits; lower would let a coin toss between two answers pass as one.
 */
export const CONFIDENCE_THRESHOLD = 0.6;

/** What a verdict is made from: one reading's model outputs, and what its ink's shape says. */
export interface Evidence {
  /** The ten digits' outputs first, then any others (a "not a digit" score). */
  readonly outputs: ArrayLike<number>;
  readonly ink: InkShape;
}

/** How the digits compare, whatever the verdict: what the chart shows and `data-digit` holds. */
export interface DigitScores {
  /** The ten digit outputs renormalised to sum to 1: the belief among digits alone. */
  readonly probabilities: readonly number[];
  /** The likeliest digit, and its probability among digits (what the chart shows). */
  readonly digit: number;
  readonly confidence: number;
  /**
   * The likeliest digit's share of everything the model can answer, "not a digit" included: how
   * sure the page is that the ink is this digit. The same as `confidence` for a ten-output model.
   */
  readonly belief: number;
  /** The second likeliest digit. */
  readonly runnerUp: number;
}

/** Why the page says "that is not a digit": the ink is too small to read, or the model says so. */
export type NotDigitReason = 'too-small' | 'not-a-digit';

/** What the page says of one reading. */
export type ReadingVerdict =
  | ({ readonly kind: 'digit' } & DigitScores)
  | ({
      readonly kind: 'unsure';
      /** The second answer is "not a digit" rather than the runner-up digit. */
      readonly orNotDigit: boolean;
    } & DigitScores)
  | ({ readonly kind: 'not-digit'; readonly reason: NotDigitReason } & DigitScores);

/** What the page says: of a reading, or `none` when nothing is drawn. */
export type Verdict = { readonly kind: 'none' } | ReadingVerdict;

export const NO_VERDICT: Verdict = { kind: 'none' };

/**
 * The ten digit outputs renormalised to sum to 1. A model that also scores "not a digit" puts
 * part of its one softmax there; what is left says which digit it would be. Should every digit
 * have underflowed to 0, no digit is likelier than another.
 */
export function digitProbabilities(outputs: ArrayLike<number>): number[] {
  const digits = Array.from({ length: NUM_CLASSES }, (_, digit) => outputs[digit]);
  const total = digits.reduce((sum, p) => sum + p, 0);
  return total > 0 ? digits.map((p) => p / total) : digits.map(() => 1 / NUM_CLASSES);
}

/**
 * The likeliest digit and the runner-up, by their renormalised probabilities; ties go to the lower
 * digit. `counted` outputs (the ten digits, and a "not a digit" the model's entry names) share the
 * belief; outputs after them mean nothing.
 */
export function digitScores(outputs: ArrayLike<number>, counted = outputs.length): DigitScores {
  const probabilities = digitProbabilities(outputs);
  // A stable sort: of two equally likely digits, the lower comes first.
  const [digit, runnerUp] = probabilities
    .map((_, index) => index)
    .sort((a, b) => probabilities[b] - probabilities[a]);
  let total = 0;
  for (let i = 0; i < Math.min(counted, outputs.length); i++) total += outputs[i];
  const belief = total > 0 ? outputs[digit] / total : probabilities[digit];
  return { probabilities, digit, confidence: probabilities[digit], belief, runnerUp };
}

/** The model's own verdict on "not a digit": its score at or above the threshold its training chose. */
function saysNotDigit(outputs: ArrayLike<number>, notDigit: NotDigitScore | null): boolean {
  return (
    notDigit !== null && outputs.length > notDigit.output && outputs[notDigit.output] >= notDigit.threshold
  );
}

/**
 * What the page says of one reading. Ink too small to read, or a lone line lying too far from
 * upright, is not a digit whatever the model answers; then the model's "not a digit" score, when
 * it has one; then how much of the model's belief the top digit holds: sure, or unsure between
 * it and the next answer (a digit, or "not a digit" when that outweighs every other digit).
 */
export function judge(
  evidence: Evidence,
  notDigit: NotDigitScore | null = null,
  threshold = CONFIDENCE_THRESHOLD,
): ReadingVerdict {
  const { outputs, ink } = evidence;
  // Outputs after the digits mean something only when the model's entry names them.
  const counted = notDigit !== null && outputs.length > notDigit.output;
  const scores = digitScores(outputs, counted ? outputs.length : NUM_CLASSES);
  if (ink === 'too-small') return { kind: 'not-digit', reason: 'too-small', ...scores };
  if (ink === 'line' || saysNotDigit(outputs, notDigit))
    return { kind: 'not-digit', reason: 'not-a-digit', ...scores };
  if (scores.belief >= threshold) return { kind: 'digit', ...scores };
  const orNotDigit = counted && outputs[notDigit.output] > outputs[scores.runnerUp];
  return { kind: 'unsure', orNotDigit, ...scores };
}

/** The unsure verdict's second answer, as a person reads it: the runner-up digit, or "not a digit". */
export const secondAnswer = (verdict: { readonly runnerUp: number; readonly orNotDigit: boolean }) =>
  verdict.orNotDigit ? 'not a digit' : String(verdict.runnerUp);
