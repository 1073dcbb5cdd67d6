/**
 * The training loop: batches assembled in plain arrays (augmentation is plain JS), one
 * `trainOnBatch` per batch, Adam with a short warm-up and a cosine decay of the learning rate.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_SIZE } from '../src/digit/types';
import { shuffled, type Random } from './random';

const PIXELS = MNIST_SIZE * MNIST_SIZE;

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
  peakLearningRate?: number;
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

export async function fit(model: LayersModel, sources: readonly DigitSource[], options: FitOptions): Promise<EpochStats[]> {
  const { epochs, batchSize, random, peakLearningRate = 2e-3, warmupSteps = 200 } = options;
  const optimizer = tf.train.adam(peakLearningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  // Adam reads its learning rate on every update, so the schedule can set it between batches.
  const schedulable = optimizer as unknown as { learningRate: number };

  const items = sources.flatMap((source) =>
    Array.from({ length: source.count }, (_, index) => ({ source, index })),
  );
  const stepsPerEpoch = Math.ceil(items.length / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const history: EpochStats[] = [];
  let step = 0;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = shuffled(items, random);
    const started = performance.now();
    let lossSum = 0;
    let correctSum = 0;
    let seen = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      if (options.shouldStop?.()) return history;
      const batch = order.slice(start, start + batchSize);
      const pixels = new Float32Array(batch.length * PIXELS);
      const oneHot = new Float32Array(batch.length * 10);
      batch.forEach(({ source, index }, i) => {
        pixels.set(source.image(index, random), i * PIXELS);
        oneHot[i * 10 + source.label(index)] = 1;
      });
      const learningRate = learningRateAt(step++, totalSteps, peakLearningRate, warmupSteps);
      schedulable.learningRate = learningRate;
      const xs = tf.tensor4d(pixels, [batch.length, MNIST_SIZE, MNIST_SIZE, 1]);
      const ys = tf.tensor2d(oneHot, [batch.length, 10]);
      const [loss, accuracy] = (await model.trainOnBatch(xs, ys)) as number[];
      xs.dispose();
      ys.dispose();
      lossSum += loss * batch.length;
      correctSum += accuracy * batch.length;
      seen += batch.length;
      const seconds = (performance.now() - started) / 1000;
      options.onBatch?.({
        epoch,
        seen,
        total: order.length,
        imagesPerSecond: seen / seconds,
        loss: lossSum / seen,
        accuracy: correctSum / seen,
        learningRate,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = { epoch, loss: lossSum / seen, accuracy: correctSum / seen, seconds, imagesPerSecond: seen / seconds };
    history.push(stats);
    await options.onEpochEnd?.(stats);
  }
  return history;
}
