import { describe, expect, it } from 'vitest';
import { topDigit } from '../../src/digit';
import { createRandom } from '../../src/learning/random';
import {
  digitLogits,
  fitOutputLayer,
  tuneOutputLayer,
  tunedOutputs,
  type TuningExample,
} from '../../src/adaptation/outputLayer';

/**
 * The same fixture as the memory's tests: features are noisy copies of one prototype per digit,
 * and the "model" reads this writer's 4s as 5s.
 */
const random = createRandom(5);
const prototypes = Array.from({ length: 10 }, () => Float32Array.from({ length: 32 }, () => random()));
const featuresOf = (digit: number) => prototypes[digit].map((x) => Math.max(0, x + 0.15 * (random() - 0.5)));
const outputsFor = (read: number) =>
  Float32Array.from({ length: 10 }, (_, i) => (i === read ? 0.7 : 0.3 / 9));
const misread = (digit: number) => (digit === 4 ? 5 : digit);

function examples(count: number, read: (digit: number) => number): TuningExample[] {
  return Array.from({ length: count }, (_, i) => ({
    features: featuresOf(i % 10),
    outputs: outputsFor(read(i % 10)),
    label: i % 10,
  }));
}

describe('fine-tuning the output layer to one writer', () => {
  it('reads the log of the digit outputs, renormalised among the digits', () => {
    const logits = digitLogits(Float32Array.from([0.4, 0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0.2]));
    expect(Math.exp(logits[0])).toBeCloseTo(0.5, 6);
    expect(Number.isFinite(logits[5])).toBe(true);
  });

  it('fixes a writer whose 4 is always read as 5, from three misread corrections per digit', () => {
    const tuned = tuneOutputLayer(examples(30, misread));
    for (let digit = 0; digit < 10; digit++) {
      const outputs = outputsFor(misread(digit));
      expect(topDigit(tuned(outputs, featuresOf(digit))), `digit ${digit}`).toBe(digit);
    }
  });

  it('keeps the share of "not a digit" and the outputs summing to 1', () => {
    const tuned = tuneOutputLayer(examples(30, misread));
    const outputs = Float32Array.from([...outputsFor(5).map((p) => p * 0.8), 0.2]);
    const adapted = tuned(outputs, featuresOf(4));
    expect(adapted[10]).toBeCloseTo(0.2, 6);
    expect(adapted.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('learns little from corrections the model already reads right', () => {
    const tuned = tuneOutputLayer(examples(30, (digit) => digit));
    const outputs = outputsFor(5);
    // A 4 read as 5 that the writer never corrected: the layer has no reason to change its mind.
    expect(topDigit(tuned(outputs, featuresOf(4)))).toBe(5);
  });

  it('changes nothing without corrections', () => {
    const outputs = outputsFor(3);
    expect(tuneOutputLayer([])(outputs, featuresOf(3))).toBe(outputs);
  });
});

describe('applying a fit', () => {
  it('leaves the outputs as they are for features of another size (another model) or a fit of other drawings', () => {
    const fitted = examples(20, misread);
    const fit = fitOutputLayer(fitted);
    const features = fitted.map((e) => e.features);
    const outputs = outputsFor(5);
    expect(tunedOutputs(fit, features, outputs, new Float32Array(7))).toBe(outputs);
    expect(tunedOutputs(fit, features.slice(1), outputs, featuresOf(4))).toBe(outputs);
    expect(topDigit(tunedOutputs(fit, features, outputs, featuresOf(4)))).toBe(4);
  });

  it('gives what fitting and applying in one place gives', () => {
    const fitted = examples(20, misread);
    const query = featuresOf(4);
    const fit = fitOutputLayer(fitted);
    const apart = tunedOutputs(
      fit,
      fitted.map((e) => e.features),
      outputsFor(5),
      query,
    );
    expect(Array.from(apart)).toEqual(Array.from(tuneOutputLayer(fitted)(outputsFor(5), query)));
  });
});
