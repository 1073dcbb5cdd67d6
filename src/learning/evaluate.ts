import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_PIXELS as PIXELS, MNIST_SIZE, NUM_CLASSES, topDigit } from '../digit';

/**
 * Every output for each of `count` 28x28 inputs laid end to end in `inputs`: `count` rows of the
 * model's outputs, end to end.
 */
export async function predictOutputs(
  model: LayersModel,
  inputs: Float32Array,
  count: number,
  batchSize = 500,
): Promise<{ outputs: Float32Array; width: number }> {
  const chunks: Float32Array[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const probabilities = tf.tidy(() => {
      const batch = tf.tensor4d(inputs.subarray(start * PIXELS, (start + size) * PIXELS), [
        size,
        MNIST_SIZE,
        MNIST_SIZE,
        1,
      ]);
      return model.predict(batch) as tf.Tensor;
    });
    chunks.push((await probabilities.data()) as Float32Array);
    probabilities.dispose();
  }
  const width = chunks.length ? chunks[0].length / Math.min(batchSize, count) : NUM_CLASSES;
  const outputs = new Float32Array(count * width);
  chunks.reduce((offset, chunk) => (outputs.set(chunk, offset), offset + chunk.length), 0);
  return { outputs, width };
}

/** Top digit for each of `count` 28x28 inputs laid end to end in `inputs`. */
export async function predictClasses(
  model: LayersModel,
  inputs: Float32Array,
  count: number,
): Promise<Int32Array> {
  const { outputs, width } = await predictOutputs(model, inputs, count);
  return Int32Array.from({ length: count }, (_, i) => topDigit(outputs, i * width));
}

export interface Evaluation {
  accuracy: number;
  /** NUM_CLASSES x NUM_CLASSES counts, rows = true digit, columns = predicted digit. */
  confusion: number[][];
}

export function evaluation(predicted: ArrayLike<number>, labels: ArrayLike<number>): Evaluation {
  const confusion = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]][predicted[i]]++;
    if (labels[i] === predicted[i]) correct++;
  }
  return { accuracy: labels.length ? correct / labels.length : 0, confusion };
}

/** Inputs laid end to end (784 values each) and their labels. */
export interface LabelledInputs {
  readonly inputs: Float32Array;
  readonly labels: ArrayLike<number>;
}

export async function evaluate(model: LayersModel, { inputs, labels }: LabelledInputs): Promise<Evaluation> {
  return evaluation(await predictClasses(model, inputs, labels.length), labels);
}
