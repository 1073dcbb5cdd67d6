/**
 * The training loop. Every batch is cut into slices: the main thread computes one, each gradient
 * helper thread another, and the summed gradients update the weights once through Adam (with a
 * short warm-up and a cosine decay of the learning rate). The same seed gives the same weights
 * whatever the number of threads, up to float summation order.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { sliceGradients, type BatchItem } from './gradients';
import type { GradientHelper } from './helperPool';
import { shuffled, type Random } from './random';

/** A labelled set of digits whose `image` may differ each time it is asked (augmentation). */
export interface DigitSource {
  readonly name: string;
  readonly count: number;
  label(index: number): number;
  image(index: number, random: Random): Float32Array;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  random: Random;
  helpers?: readonly GradientHelper[];
  peakLearningRate?: number;
  /** Default: 200 steps, or a tenth of a short run. */
  warmupSteps?: number;
  onBatch?: (progress: BatchProgress) => void;
  onEpochEnd?: (stats: EpochStats) => Promise<void> | void;
  /** Checked before every batch; true ends training early (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface BatchProgress {
  epoch: number;
  seen: number;
  total: number;
  imagesPerSecond: number;
  loss: number;
  accuracy: number;
  learningRate: number;
}

export interface EpochStats {
  epoch: number;
  loss: number;
  accuracy: number;
  seconds: number;
  imagesPerSecond: number;
}

/** Linear warm-up to the peak, then half a cosine down to 1% of it at the last step. */
export function learningRateAt(step: number, totalSteps: number, peak: number, warmup: number): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, totalSteps - warmup));
  return peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** Cuts `items` into `parts` nearly equal, contiguous slices. */
export function slices<T>(items: readonly T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, i) =>
    items.slice(Math.round((i * items.length) / parts), Math.round(((i + 1) * items.length) / parts)),
  );
}

export async function fit(
  model: LayersModel,
  sources: readonly DigitSource[],
  options: FitOptions,
): Promise<EpochStats[]> {
  const { epochs, batchSize, random, helpers = [], peakLearningRate = 2e-3 } = options;
  const optimizer = tf.train.adam(peakLearningRate);
  // Adam reads its learning rate on every update, so the schedule can set it between batches.
  const schedulable = optimizer as unknown as { learningRate: number };
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

  const positions = sources.flatMap((_, source) =>
    Array.from({ length: sources[source].count }, (_, index) => ({ source, index })),
  );
  const stepsPerEpoch = Math.ceil(positions.length / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const warmupSteps = options.warmupSteps ?? Math.min(200, Math.ceil(totalSteps / 10));
  const history: EpochStats[] = [];
  let step = 0;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order: BatchItem[] = shuffled(positions, random).map((p) => ({
      ...p,
      seed: Math.floor(random() * 2 ** 32),
    }));
    const started = performance.now();
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      if (options.shouldStop?.()) return history;
      const batch = order.slice(start, start + batchSize);
      const [own, ...theirs] = slices(batch, helpers.length + 1);
      const weights = helpers.length
        ? await Promise.all(variables.map(async (v) => (await v.data()) as Float32Array))
        : [];
      const remote = theirs.map((items, i) => helpers[i].compute(weights, items));
      const results = [await sliceGradients(model, sources, own), ...(await Promise.all(remote))];

      const learningRate = learningRateAt(step++, totalSteps, peakLearningRate, warmupSteps);
      schedulable.learningRate = learningRate;
      tf.tidy(() => {
        const gradients = variables.map((variable, v) => {
          const sum = new Float32Array(results[0].gradients[v].length);
          for (const result of results) {
            const part = result.gradients[v];
            for (let k = 0; k < sum.length; k++) sum[k] += part[k];
          }
          for (let k = 0; k < sum.length; k++) sum[k] /= batch.length;
          return { name: variable.name, tensor: tf.tensor(sum, variable.shape) };
        });
        optimizer.applyGradients(gradients);
      });
      for (const result of results) {
        lossSum += result.lossSum;
        correct += result.correct;
      }
      seen += batch.length;
      const seconds = (performance.now() - started) / 1000;
      options.onBatch?.({
        epoch,
        seen,
        total: order.length,
        imagesPerSecond: seen / seconds,
        loss: lossSum / seen,
        accuracy: correct / seen,
        learningRate,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = {
      epoch,
      loss: lossSum / seen,
      accuracy: correct / seen,
      seconds,
      imagesPerSecond: seen / seconds,
    };
    history.push(stats);
    await options.onEpochEnd?.(stats);
  }
  optimizer.dispose();
  return history;
}
