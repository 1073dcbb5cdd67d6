import type { TuningExample } from '../../src/adaptation/outputLayer';

/**
 * A person the model keeps misreading in one way, as features and outputs made to order: each of
 * their drawings points along its digit's axis plus an axis of its own, so two drawings of one
 * digit are 0.65 alike (cosine: halfway from the memory's floor of 0.3 to 1) and drawings of two
 * digits not at all. The model reads every digit right at 0.91, except their 4s: 5 at 0.85, 4 at
 * 0.07. A vote of the other 4s (closeness 0.5) outweighs that from a weight of 0.876.
 */
const OWN = 0.7338; // the own axis's length: 1 / (1 + OWN^2) = 0.65
const DIGIT_AXES = 10;

export function drawingOf(digit: number, index: number, dimensions = 64): TuningExample {
  const features = new Float32Array(dimensions);
  features[digit] = 1;
  features[DIGIT_AXES + index] = OWN;
  const read = digit === 4 ? 5 : digit;
  const outputs = Float32Array.from({ length: 10 }, (_, d) =>
    d === read ? (digit === 4 ? 0.85 : 0.91) : 0.01,
  );
  if (digit === 4) outputs[4] = 0.07; // the outputs sum to 1
  return { features, outputs, label: digit };
}

/** `perDigit` drawings of every digit, labelled right, in the order a person might save them. */
export const misreadWriter = (perDigit: number): TuningExample[] =>
  Array.from({ length: perDigit * 10 }, (_, i) => drawingOf(i % 10, i));
