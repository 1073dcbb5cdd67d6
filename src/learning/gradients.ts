/**
 * One slice of a batch through the model and back: the loss summed over the slice and its
 * gradient. Summed, not averaged, so slices computed on different threads add up to the batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_PIXELS as PIXELS, MNIST_SIZE } from '../digit';
import { createRandom } from './random';
import type { DigitSource } from './fit';

/** One training example of a batch: which source, which item, and the seed of its augmentation. */
export interface BatchItem {
  source: number;
  index: number;
  seed: number;
}

export interface SliceResult {
  /** One array per trainable weight, in `model.trainableWeights` order. */
  gradients: Float32Array[];
  lossSum: number;
  correct: number;
  count: number;
}

/**
 * Each example draws its augmentation from its own seed, so an example looks the same whichever
 * thread prepares it, and the same seed gives the same weights with any number of threads.
 */
export function assembleBatch(sources: readonly DigitSource[], items: readonly BatchItem[], classes: number) {
  const pixels = new Float32Array(items.length * PIXELS);
  const oneHot = new Float32Array(items.length * classes);
  items.forEach(({ source, index, seed }, i) => {
    pixels.set(sources[source].image(index, createRandom(seed)), i * PIXELS);
    oneHot[i * classes + sources[source].label(index)] = 1;
  });
  return { pixels, oneHot };
}

/** A slice's inputs, drawn ahead of time (while a thread would otherwise wait), and their items. */
export interface PreparedSlice {
  readonly items: readonly BatchItem[];
  readonly pixels: Float32Array;
  readonly oneHot: Float32Array;
}

export function prepareSlice(
  sources: readonly DigitSource[],
  items: readonly BatchItem[],
  classes: number,
): PreparedSlice {
  return { items, ...assembleBatch(sources, items, classes) };
}

const sameItems = (a: readonly BatchItem[], b: readonly BatchItem[]) =>
  a.length === b.length &&
  a.every((item, i) => item.source === b[i].source && item.index === b[i].index && item.seed === b[i].seed);

/** Outputs per input of a model: ten digits, or eleven when it also scores "not a digit". */
export function outputsOf(model: LayersModel): number {
  const units = model.outputs[0].shape.at(-1);
  if (typeof units !== 'number') throw new Error(`the model ${model.name} has no fixed number of outputs`);
  return units;
}

/** `prepared`, when it holds these very items, spares drawing them again (same seeds, same pixels). */
export async function sliceGradients(
  model: LayersModel,
  sources: readonly DigitSource[],
  items: readonly BatchItem[],
  prepared?: PreparedSlice,
): Promise<SliceResult> {
  const classes = outputsOf(model);
  const { pixels, oneHot } =
    prepared && sameItems(prepared.items, items) ? prepared : assembleBatch(sources, items, classes);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { lossSum, correct, grads } = tf.tidy(() => {
    const xs = tf.tensor4d(pixels, [items.length, MNIST_SIZE, MNIST_SIZE, 1]);
    const ys = tf.tensor2d(oneHot, [items.length, classes]);
    let correctCount: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const probabilities = model.apply(xs, { training: true }) as tf.Tensor;
      correctCount = tf.keep(
        tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, 1), tf.argMax(ys, 1)), 'float32')),
      );
      // Cross-entropy on clipped probabilities, as Keras computes it for a softmax output.
      const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
      return tf.neg(tf.sum(tf.mul(ys, tf.log(clipped)))) as tf.Scalar;
    }, variables);
    return { lossSum: value, correct: correctCount!, grads: variables.map((v) => grads[v.name]) };
  });
  const gradients = await Promise.all(grads.map(async (g) => (await g.data()) as Float32Array));
  const result = {
    gradients,
    lossSum: (await lossSum.data())[0],
    correct: (await correct.data())[0],
    count: items.length,
  };
  tf.dispose([lossSum, correct, ...grads]);
  return result;
}
