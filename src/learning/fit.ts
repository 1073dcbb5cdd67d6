/**
 * The training loop. Every batch is cut into slices: this thread computes one, each gradient
 * helper another, and the summed gradients update the weights once through Adam (with a short
 * warm-up and a cosine decay of the learning rate). The same seed gives the same weights whatever
 * the number of helpers, up to float summation order.
 *
 * Nothing here touches Node or the DOM: the same loop trains in Node (`npm run train`, helpers on
 * worker threads) and, later, in a Web Worker of the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { sliceGradients, type BatchItem, type SliceResult } from './gradients';
import { shuffled, type Random } from './random';

/** A labelled set of digits whose `image` may differ each time it is asked (augmentation). */
export interface DigitSource {
  readonly name: string;
  readonly count: number;
  /**
   * How many of its items one epoch visits: a fresh random choice of them each epoch. Default:
   * all. A large source can so give way to the others without dropping any of it for good.
   */
  readonly perEpoch?: number;
  label(index: number): number;
  image(index: number, random: Random): Float32Array;
}

/**
 * Computes the gradients of one slice of a batch elsewhere (a worker thread in Node, a Web Worker
 * in the page), from the current weights, with the same model and sources as this thread. `next`
 * is the slice it will be given next, if known: drawing it while this thread updates the weights
 * takes the augmentation off the helper's share of the next step.
 */
export interface GradientHelper {
  compute(weights: Float32Array[], items: BatchItem[], next?: BatchItem[]): Promise<SliceResult>;
  close(): Promise<void>;
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
  /** Checked before every batch; true ends training early (Ctrl-C, a cancelled fine-tune). */
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

/** What one fit needs from step to step: the model's variables, the optimizer and the schedule. */
interface FitState {
  readonly model: LayersModel;
  readonly sources: readonly DigitSource[];
  readonly options: FitOptions;
  readonly helpers: readonly GradientHelper[];
  readonly variables: tf.Variable[];
  readonly optimizer: tf.AdamOptimizer;
  readonly schedule: { step: number; readonly total: number; readonly warmup: number; readonly peak: number };
}

/** How many items of `source` an epoch visits. */
export const visitedPerEpoch = (source: DigitSource) =>
  Math.min(source.count, source.perEpoch ?? source.count);

/** How many items an epoch visits, over all the sources. */
export const imagesPerEpoch = (sources: readonly DigitSource[]) =>
  sources.reduce((sum, source) => sum + visitedPerEpoch(source), 0);

/** An epoch's (source, index) pairs: every item of a source, or a fresh random `perEpoch` of them. */
function epochPositions(sources: readonly DigitSource[], random: Random) {
  return sources.flatMap((source, s) => {
    const indices = Array.from({ length: source.count }, (_, index) => index);
    const visited = visitedPerEpoch(source);
    const chosen = visited < source.count ? shuffled(indices, random).slice(0, visited) : indices;
    return chosen.map((index) => ({ source: s, index }));
  });
}

/** An epoch's batch items in order, each with the seed of its augmentation. */
function epochOrder(positions: readonly { source: number; index: number }[], random: Random): BatchItem[] {
  return shuffled(positions, random).map((p) => ({ ...p, seed: Math.floor(random() * 2 ** 32) }));
}

/** The batch's gradients: one slice here, the others on the helpers, all from the same weights. */
async function batchGradients(
  state: FitState,
  batch: readonly BatchItem[],
  next: readonly BatchItem[],
): Promise<SliceResult[]> {
  const { helpers, variables, model, sources } = state;
  const [own, ...theirs] = slices(batch, helpers.length + 1);
  const [, ...theirNext] = next.length ? slices(next, helpers.length + 1) : [];
  const weights = helpers.length
    ? await Promise.all(variables.map(async (v) => (await v.data()) as Float32Array))
    : [];
  const remote = theirs.map((items, i) => helpers[i].compute(weights, items, theirNext[i]));
  return [await sliceGradients(model, sources, own), ...(await Promise.all(remote))];
}

/** Sums the slices' gradients, divides by the batch size, and takes one optimizer step. */
function applyMeanGradients(state: FitState, results: readonly SliceResult[], batchSize: number): number {
  const { schedule, optimizer, variables } = state;
  const learningRate = learningRateAt(schedule.step++, schedule.total, schedule.peak, schedule.warmup);
  // Adam reads its learning rate on every update, so the schedule can set it between batches.
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  tf.tidy(() => {
    const gradients = variables.map((variable, v) => {
      const sum = new Float32Array(results[0].gradients[v].length);
      for (const result of results) {
        const part = result.gradients[v];
        for (let k = 0; k < sum.length; k++) sum[k] += part[k];
      }
      for (let k = 0; k < sum.length; k++) sum[k] /= batchSize;
      return { name: variable.name, tensor: tf.tensor(sum, variable.shape) };
    });
    optimizer.applyGradients(gradients);
  });
  return learningRate;
}

/** One pass over `order`; null when stopped part-way. */
async function runEpoch(
  state: FitState,
  epoch: number,
  order: readonly BatchItem[],
): Promise<EpochStats | null> {
  const { batchSize, shouldStop, onBatch } = state.options;
  const started = performance.now();
  const totals = { lossSum: 0, correct: 0, seen: 0 };
  for (let start = 0; start < order.length; start += batchSize) {
    if (shouldStop?.()) return null;
    const batch = order.slice(start, start + batchSize);
    const results = await batchGradients(state, batch, order.slice(start + batchSize, start + 2 * batchSize));
    const learningRate = applyMeanGradients(state, results, batch.length);
    for (const result of results) {
      totals.lossSum += result.lossSum;
      totals.correct += result.correct;
    }
    totals.seen += batch.length;
    const progress = { ...rates(totals, started), epoch, seen: totals.seen, total: order.length };
    onBatch?.({ ...progress, learningRate });
  }
  return { epoch, ...rates(totals, started) };
}

function rates(totals: { lossSum: number; correct: number; seen: number }, started: number) {
  const seconds = (performance.now() - started) / 1000;
  const { lossSum, correct, seen } = totals;
  return { loss: lossSum / seen, accuracy: correct / seen, seconds, imagesPerSecond: seen / seconds };
}

/**
 * Trains `model` in place. Returns one entry per finished epoch: fewer than `epochs` when
 * `shouldStop` ended it. The optimizer and its tensors are released however it ends (finished,
 * stopped, or thrown); the model's own weights stay, trained so far.
 */
export async function fit(
  model: LayersModel,
  sources: readonly DigitSource[],
  options: FitOptions,
): Promise<EpochStats[]> {
  const { epochs, batchSize, random, helpers = [], peakLearningRate = 2e-3 } = options;
  const total = epochs * Math.ceil(imagesPerEpoch(sources) / batchSize);
  const warmup = options.warmupSteps ?? Math.min(200, Math.ceil(total / 10));
  const optimizer = tf.train.adam(peakLearningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const schedule = { step: 0, total, warmup, peak: peakLearningRate };
  const state: FitState = { model, sources, options, helpers, variables, optimizer, schedule };
  const history: EpochStats[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const stats = await runEpoch(state, epoch, epochOrder(epochPositions(sources, random), random));
      if (stats === null) break;
      history.push(stats);
      await options.onEpochEnd?.(stats);
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
