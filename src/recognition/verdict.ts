/**
 * Below this top probability the page says it is unsure. A softmax over ten digits leaves a
 * well-formed digit at 0.9 or more; at under 0.6, at least two fifths of the belief sits
 * elsewhere, in practice almost always on one look-alike (4/9, 3/5, 1/7), so naming both is more
 * useful than naming one. Higher would flag most sloppy but correct digits; lower would let a
 * coin toss between two classes pass as an answer.
 */
export const CONFIDENCE_THRESHOLD = 0.6;

export type Verdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'sure'; readonly digit: number; readonly confidence: number }
  | {
      readonly kind: 'unsure';
      readonly digit: number;
      readonly confidence: number;
      readonly runnerUp: number;
    };

/** Reads ten probabilities as the page should present them; null (nothing drawn) gives `none`. */
export function judge(probabilities: ArrayLike<number> | null, threshold = CONFIDENCE_THRESHOLD): Verdict {
  if (probabilities === null) return { kind: 'none' };
  let digit = 0;
  let runnerUp = -1;
  for (let i = 1; i < probabilities.length; i++) {
    if (probabilities[i] > probabilities[digit]) {
      runnerUp = digit;
      digit = i;
    } else if (runnerUp < 0 || probabilities[i] > probabilities[runnerUp]) {
      runnerUp = i;
    }
  }
  const confidence = probabilities[digit];
  return confidence >= threshold || runnerUp < 0
    ? { kind: 'sure', digit, confidence }
    : { kind: 'unsure', digit, confidence, runnerUp };
}
