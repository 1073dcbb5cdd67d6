/**
 * Fine-tuning the network's output layer on one person's labelled drawings: with the memory
 * (`memory.ts`) on top, how the page adapts (measured against either alone by `npm run
 * test:adaptation -- --fine-tune`). The fitting runs in a Web Worker (`tuneWorker.ts`); applying
 * the fit to an answer is a few hundred dot products, on the main thread.
 *
 * It needs neither the layer's weights nor tf. Gradient descent on a dense layer's weights over
 * features f (its bias left as shipped), started from the shipped W with an L2 pull back to them,
 * only ever adds multiples of the training features: W' = W + sum_i a_i f_i^T. So a drawing q's
 * tuned logits are the model's own plus sum_i a_i (f_i . q), and training is gradient descent on
 * the a_i (10 numbers per drawing) over the drawings' dot products, computed once. The model's
 * logits are the log of its outputs up to a constant that softmax ignores. Only the ten digits are
 * tuned: the drawings are all digits, so they say nothing of "not a digit", whose output is kept
 * as it was.
 */
import { NUM_CLASSES } from '../digit';
import type { LabelledReading } from './memory';
import { digitProbabilities } from '../recognition/verdict';

export interface TuningOptions {
  /** The L2 pull of the tuned layer back to the shipped one: larger keeps it closer. */
  readonly l2: number;
  readonly steps: number;
  readonly rate: number;
}

/**
 * Not searched further: alone, fine-tuning left k = 3's error about where it was and made it worse
 * with 10% of the labels wrong; under the memory it helps (README, "What adapting does").
 */
export const TUNING_DEFAULTS: TuningOptions = { l2: 0.01, steps: 150, rate: 2 };

/** One labelled drawing: its features and the model's outputs for it. */
export type TuningExample = LabelledReading;

/** The tuned layer: a drawing's outputs as it gives them, from the model's outputs and features. */
export type TunedLayer = (outputs: Float32Array, features: Float32Array) => Float32Array;

/** The ten digit outputs as log-probabilities among digits (a floor keeps them finite). */
export function digitLogits(outputs: ArrayLike<number>): Float64Array {
  return Float64Array.from(digitProbabilities(outputs), (p) => Math.log(Math.max(p, 1e-12)));
}

function softmaxInPlace(logits: Float64Array): Float64Array {
  const top = Math.max(...logits);
  let sum = 0;
  for (let d = 0; d < logits.length; d++) sum += logits[d] = Math.exp(logits[d] - top);
  for (let d = 0; d < logits.length; d++) logits[d] /= sum;
  return logits;
}

function dot(a: Float32Array, b: Float32Array, scale: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum * scale;
}

/**
 * A drawing's own logits plus what the coefficients `a` of the n examples add through its products
 * with them, `products[from .. from + n)`. The hot loop of fitting: plain arrays, no closures.
 */
function addTuning(
  logits: Float64Array,
  products: ArrayLike<number>,
  from: number,
  a: Float64Array,
  n: number,
) {
  for (let j = 0; j < n; j++) {
    const kij = products[from + j];
    const at = j * NUM_CLASSES;
    for (let d = 0; d < NUM_CLASSES; d++) logits[d] += kij * a[at + d];
  }
  return logits;
}

/** What fitting learned: a drawing's logits gain sum_j coefficients[j, d] (f_j . q) * scale. */
export interface OutputLayerFit {
  /** Per example, 10 numbers (example-major). */
  readonly coefficients: Float64Array;
  readonly scale: number;
}

/**
 * The output layer tuned to `examples` by `steps` of gradient descent on their mean cross-entropy
 * plus the L2 pull. Features are scaled by one number, their mean squared length, so that one learning
 * rate suits any model; that is the same layer trained with another rate. The work grows with
 * the square of the examples (200 take about half a second here): the page runs it in a worker.
 */
export function fitOutputLayer(
  examples: readonly TuningExample[],
  options: TuningOptions = TUNING_DEFAULTS,
): OutputLayerFit {
  const n = examples.length;
  const meanSquare = examples.reduce((sum, e) => sum + dot(e.features, e.features, 1), 0) / Math.max(n, 1);
  const scale = meanSquare > 0 ? 1 / meanSquare : 0;
  const k = Float64Array.from({ length: n * n }, (_, x) =>
    dot(examples[Math.floor(x / n)].features, examples[x % n].features, scale),
  );
  const bases = examples.map((e) => digitLogits(e.outputs));
  const a = new Float64Array(n * NUM_CLASSES);
  const gradient = new Float64Array(n * NUM_CLASSES);
  const shrink = 1 - options.rate * options.l2;
  for (let step = 0; step < options.steps; step++) {
    for (let i = 0; i < n; i++) {
      const p = softmaxInPlace(addTuning(Float64Array.from(bases[i]), k, i * n, a, n));
      for (let d = 0; d < NUM_CLASSES; d++)
        gradient[i * NUM_CLASSES + d] = (p[d] - (d === examples[i].label ? 1 : 0)) / n;
    }
    for (let x = 0; x < a.length; x++) a[x] = shrink * a[x] - options.rate * gradient[x];
  }
  return { coefficients: a, scale };
}

/**
 * A drawing's outputs through the tuned layer, from the model's outputs and features and the
 * features of the examples `fit` was fitted on (in the same order). "Not a digit" keeps its share.
 */
export function tunedOutputs(
  fit: OutputLayerFit,
  exampleFeatures: readonly Float32Array[],
  outputs: Float32Array,
  features: Float32Array,
): Float32Array {
  const n = exampleFeatures.length;
  // A fit of other drawings, or of another model's features (a model was just switched): not this one's.
  if (n === 0 || fit.coefficients.length !== n * NUM_CLASSES || exampleFeatures[0].length !== features.length)
    return outputs;
  const products = exampleFeatures.map((f) => dot(f, features, fit.scale));
  const p = softmaxInPlace(addTuning(digitLogits(outputs), products, 0, fit.coefficients, n));
  let digitMass = 0;
  for (let d = 0; d < NUM_CLASSES; d++) digitMass += outputs[d];
  return outputs.map((o, i) => (i < NUM_CLASSES ? digitMass * p[i] : o));
}

/** The output layer tuned to `examples`: fitted and applied in one place (Node's measurements). */
export function tuneOutputLayer(
  examples: readonly TuningExample[],
  options: TuningOptions = TUNING_DEFAULTS,
): TunedLayer {
  if (examples.length === 0) return (outputs) => outputs;
  const fit = fitOutputLayer(examples, options);
  const features = examples.map((e) => e.features);
  return (outputs, drawing) => tunedOutputs(fit, features, outputs, drawing);
}
