import type { TuningExample } from '../../src/adaptation/outputLayer';

/**
 * People the model reads in set ways, as features and outputs made to order. Each drawing points
 * along an axis of the digit it looks like plus an axis of its own, so two drawings that look
 * like one digit are 0.65 alike (cosine: halfway from the memory's floor of 0.3 to 1, so the vote
 * gets half its weight) and drawings that look like two digits not at all.
 */
const OWN = 0.7338; // the own axis's length: 1 / (1 + OWN^2) = 0.65
const DIGIT_AXES = 10;

export function featuresOf(looksLike: number, index: number, dimensions = 64): Float32Array {
  const features = new Float32Array(dimensions);
  features[looksLike] = 1;
  features[DIGIT_AXES + index] = OWN;
  return features;
}

/** The model's outputs: the digits given, and what is left shared evenly by the others. */
export function outputsOf(given: Record<number, number>): Float32Array {
  const left = 1 - Object.values(given).reduce((a, b) => a + b, 0);
  const others = 10 - Object.keys(given).length;
  return Float32Array.from({ length: 10 }, (_, d) => given[d] ?? left / others);
}

/**
 * The model reads every digit right at 0.91, except (when `misread`) the 4s: 5 at 0.85, 4 at
 * 0.07. With 0.5 of the weight, a unanimous vote of other 4s outweighs that from a weight of 0.876.
 */
export const drawingOf = (digit: number, index: number, misread = true): TuningExample => ({
  features: featuresOf(digit, index),
  outputs: digit === 4 && misread ? outputsOf({ 5: 0.85, 4: 0.07 }) : outputsOf({ [digit]: 0.91 }),
  label: digit,
});

/** `perDigit` drawings of every digit, labelled right, in the order a person might save them. */
export const misreadWriter = (perDigit: number, misread = true): TuningExample[] =>
  Array.from({ length: perDigit * 10 }, (_, i) => drawingOf(i % 10, i, misread));

/**
 * Three drawings of every digit, read right, but their 7s look like their 1s and the model is
 * unsure of them (7 at 0.5, 1 at 0.42). A 7's other 7s and 1s vote 1 by 0.6; the model outweighs
 * that below a weight of 0.571.
 */
export const lookalikeWriter = (): TuningExample[] =>
  misreadWriter(3, false).map((e, i) =>
    e.label === 7 ? { features: featuresOf(1, i), outputs: outputsOf({ 7: 0.5, 1: 0.42 }), label: 7 } : e,
  );
