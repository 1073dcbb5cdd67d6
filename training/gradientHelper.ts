/**
 * A worker thread that computes gradients for part of every batch, so training uses every core
 * (the WASM backend runs on one thread in Node). It loads the same data and builds the same model
 * as the main thread; before each slice it receives the current weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { parentPort, workerData } from 'node:worker_threads';
import {
  outputsOf,
  prepareSlice,
  sliceGradients,
  type BatchItem,
  type PreparedSlice,
} from '../src/learning/gradients';
import { createModel } from '../src/learning/model';
import { loadTrainingSources, outputsFor } from './sources';
import type { HelperOptions } from './helperPool';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';

export interface HelperRequest {
  weights: Float32Array[];
  items: BatchItem[];
  next?: BatchItem[];
}

const options = workerData as HelperOptions;
registerWasmConvGradients();
await tf.setBackend('wasm');
const { sources } = await loadTrainingSources(options);
const model = createModel({ seed: options.seed, arch: options.arch, outputs: outputsFor(options) });
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

/** The slice the main thread said comes next, drawn while this thread waited for the weights. */
let upcoming: PreparedSlice | undefined;

parentPort!.on('message', async ({ weights, items, next }: HelperRequest) => {
  try {
    variables.forEach((variable, i) => {
      const value = tf.tensor(weights[i], variable.shape);
      variable.assign(value);
      value.dispose(); // the variable keeps the data; this handle is not needed
    });
    const result = await sliceGradients(model, sources, items, upcoming);
    upcoming = undefined;
    parentPort!.postMessage(
      { ok: true, result },
      result.gradients.map((g) => g.buffer as ArrayBuffer),
    );
    // Now, while the main thread sums the gradients and updates the weights: this thread is idle.
    if (next) upcoming = prepareSlice(sources, next, outputsOf(model));
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
