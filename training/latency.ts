/**
 * Milliseconds per prediction, as the page pays them: the shipped 8-bit artifacts run through the
 * page's own forward pass (`buildSequentialModel`, not tfjs-layers) on the WASM backend, one
 * drawing at a time, each read back with `await data()`. The median of a few hundred such
 * predictions after a warm-up, so one hiccup of a busy machine does not move it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildSequentialModel } from '../src/model/sequentialModel';
import { MNIST_PIXELS, MNIST_SIZE } from '../src/digit';

export interface Latency {
  /** The backend the predictions ran on, and how it was built (SIMD, threads). */
  readonly backend: string;
  readonly simd: boolean;
  readonly threads: boolean;
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
}

export const LATENCY_RUNS = 300;
const WARM_UP_RUNS = 20;

/** The value below which `fraction` of `sorted` lies (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new Error('no measurements');
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Times one prediction of `input`: the forward pass and reading its probabilities back. */
async function timeOne(predict: (x: tf.Tensor) => tf.Tensor, input: Float32Array): Promise<number> {
  const started = performance.now();
  const output = tf.tidy(() => predict(tf.tensor4d(input, [1, MNIST_SIZE, MNIST_SIZE, 1])));
  await output.data();
  output.dispose();
  return performance.now() - started;
}

/** Measures `artifacts` on the backend in use (the caller chooses it: WASM for the figure). */
export async function measureLatency(artifacts: tf.io.ModelArtifacts, runs = LATENCY_RUNS): Promise<Latency> {
  const model = buildSequentialModel(artifacts);
  // A stroke-like input: a few ink columns, so no kernel meets an all-zero fast path.
  const input = Float32Array.from({ length: MNIST_PIXELS }, (_, i) => (i % 29 < 4 ? 1 : 0));
  try {
    for (let i = 0; i < WARM_UP_RUNS; i++) await timeOne(model.predict, input);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeOne(model.predict, input));
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      backend: tf.getBackend(),
      simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
      runs,
      medianMs: round(percentile(times, 0.5)),
      p90Ms: round(percentile(times, 0.9)),
    };
  } finally {
    model.dispose();
  }
}
