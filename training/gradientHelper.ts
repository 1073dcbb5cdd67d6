/**
 * A worker thread that computes gradients for part of every batch, so training uses every core
 * (the WASM backend runs on one thread in Node). It loads the same data and builds the same model
 * as the main thread; before each slice it receives the current weights. After training it draws
 * and reads a share of the held-out sets (`heldOutShare.ts`).
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
import { heldOutMakers } from './heldOut';
import { drawAndRead, type ReadRequest, type ReadSet } from './heldOutShare';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';

export interface SliceRequest {
  weights: Float32Array[];
  items: BatchItem[];
  next?: BatchItem[];
}

export type HelperRequest = SliceRequest | { read: ReadRequest };

const options = workerData as HelperOptions;
registerWasmConvGradients();
await tf.setBackend('wasm');
const data = await loadTrainingSources(options);
const { sources } = data;
const model = createModel({ seed: options.seed, arch: options.arch, outputs: outputsFor(options) });
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

function assignWeights(weights: readonly Float32Array[]): void {
  variables.forEach((variable, i) => {
    const value = tf.tensor(weights[i], variable.shape);
    variable.assign(value);
    value.dispose(); // the variable keeps the data; this handle is not needed
  });
}

/** The slice the main thread said comes next, drawn while this thread waited for the weights. */
let upcoming: PreparedSlice | undefined;

async function computeSlice({ weights, items, next }: SliceRequest): Promise<void> {
  assignWeights(weights);
  const result = await sliceGradients(model, sources, items, upcoming);
  upcoming = undefined;
  parentPort!.postMessage(
    { ok: true, result },
    result.gradients.map((g) => g.buffer as ArrayBuffer),
  );
  // Now, while the main thread sums the gradients and updates the weights: this thread is idle.
  if (next) upcoming = prepareSlice(sources, next, outputsOf(model));
}

async function readSets({ names, weights, withGenerated }: ReadRequest): Promise<void> {
  const makers = heldOutMakers(data.mnist.test, data, withGenerated);
  const withWeights = (values: Float32Array[]) => () => {
    assignWeights(values);
    return model;
  };
  const result: ReadSet[] = await drawAndRead(makers, names, weights.map(withWeights));
  const buffers = result.flatMap(({ set, outputs }) => [set.inputs, ...outputs.map((o) => o.outputs)]);
  parentPort!.postMessage(
    { ok: true, result },
    buffers.map((b) => b.buffer as ArrayBuffer),
  );
}

parentPort!.on('message', async (request: HelperRequest) => {
  try {
    await ('read' in request ? readSets(request.read) : computeSlice(request));
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
