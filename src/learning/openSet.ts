/**
 * Figures of a classifier that may also say "not a digit": how well a score separates digits
 * from other ink, where to put the threshold, and how far its confidence can be trusted. Pure
 * arithmetic on plain arrays, shared by training and any evaluation.
 */
import { NOT_DIGIT } from '../digit';
import { digitScores } from '../recognition/verdict';

/**
 * Area under the ROC curve: the chance that a random `higher` sample scores above a random
 * `lower` one (ties count half). 1 separates them perfectly, 0.5 is a coin.
 */
export function auroc(higher: ArrayLike<number>, lower: ArrayLike<number>): number {
  if (higher.length === 0 || lower.length === 0) return NaN;
  const all = [
    ...Array.from(higher, (score) => ({ score, high: true })),
    ...Array.from(lower, (score) => ({ score, high: false })),
  ].sort((a, b) => a.score - b.score);
  // Mann-Whitney: the rank sum of the higher group, tied scores sharing their mean rank.
  let rankSum = 0;
  for (let start = 0; start < all.length;) {
    let end = start;
    while (end < all.length && all[end].score === all[start].score) end++;
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (all[k].high) rankSum += meanRank;
    start = end;
  }
  const n = higher.length;
  return (rankSum - (n * (n + 1)) / 2) / (n * lower.length);
}

/** Share of `scores` at or above `threshold`. */
export function shareAtLeast(scores: ArrayLike<number>, threshold: number): number {
  if (scores.length === 0) return NaN;
  let count = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) count++;
  return count / scores.length;
}

/**
 * The highest threshold `chooseThreshold` may choose. It was 0.5 while the page judged certainty
 * among the ten digits alone: a digit whose "not a digit" output lay between 0.5 and the threshold
 * showed as a sure digit, so no higher threshold was safe. Now the top digit must hold 60% of the
 * whole belief, "not a digit" included (`judge`), and an output over 0.4 leaves every digit under
 * that: above 0.5 the threshold only decides between "not a digit" and "Not sure: 4 or not a
 * digit?", so the tuning digits may push it up as far as they need.
 */
export const MAX_THRESHOLD = 0.95;

/**
 * The lowest threshold (on a grid of hundredths, from MAX_THRESHOLD down to 0.05) at which at most
 * `maxDigitRate` of the tuning digits would be called "not a digit": as many non-digits caught
 * as the digits allow. Chosen on tuning writers only; the reported rates come from others.
 */
export function chooseThreshold(tuningDigitScores: ArrayLike<number>, maxDigitRate: number): number {
  const top = Math.round(MAX_THRESHOLD * 100);
  let chosen = top / 100;
  for (let hundredths = top; hundredths >= 5; hundredths--) {
    if (shareAtLeast(tuningDigitScores, hundredths / 100) > maxDigitRate) break;
    chosen = hundredths / 100;
  }
  return chosen;
}

/**
 * Expected calibration error: the mean gap between confidence and accuracy over equal-width
 * confidence bins, weighted by how many answers fall in each. 0 is perfectly calibrated.
 */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const sums = Array.from({ length: bins }, () => ({ confidence: 0, correct: 0, count: 0 }));
  for (let i = 0; i < confidences.length; i++) {
    const bin = sums[Math.min(bins - 1, Math.floor(confidences[i] * bins))];
    bin.confidence += confidences[i];
    bin.correct += correct[i] ? 1 : 0;
    bin.count++;
  }
  const total = confidences.length;
  return sums.reduce((sum, b) => sum + (b.count ? Math.abs(b.confidence - b.correct) : 0), 0) / total;
}

/** One row of a model's outputs read as the page reads it. */
export interface RowReading {
  /** The top digit, and its probability among the ten digits alone. */
  readonly digit: number;
  readonly confidence: number;
  /** The "not a digit" output; 0 for a model without one. */
  readonly notDigit: number;
  /** The row's outputs, for the page's own verdict (`judge`). */
  readonly outputs: readonly number[];
}

/**
 * Reads row `row` of `width`-wide outputs as the page reads it (`digitScores`: the ten digits
 * renormalised), with the not-digit score apart.
 */
export function readRow(outputs: ArrayLike<number>, width: number, row: number): RowReading {
  const offset = row * width;
  const rowOutputs = Array.from({ length: width }, (_, i) => outputs[offset + i]);
  const { digit, confidence } = digitScores(rowOutputs);
  return { digit, confidence, notDigit: width > NOT_DIGIT ? rowOutputs[NOT_DIGIT] : 0, outputs: rowOutputs };
}
