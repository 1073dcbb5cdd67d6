/**
 * Training throughput of the default model, measured briefly: a few dozen batches of real MNIST
 * with the default augmentation, on one thread and on every core. The reference, measured in the
 * same process, is the model's forward pass alone, so the ratio survives a noisy machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { availableParallelism } from 'node:os';
import { startHelpers } from '../training/helperPool';
import { createModel } from '../src/learning/model';
import { createRandom } from '../src/learning/random';
import { loadTrainingSources } from '../training/sources';
import { fit } from '../src/learning/fit';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';

export interface ThroughputResult {
  threads: number;
  /** Training images per second (forward, backward, update, augmentation). */
  trainImagesPerSecond: number;
  /** Forward-only images per second, batch 64, in the same run. */
  forwardImagesPerSecond: number;
}

const BATCH = 64;

async function forwardImagesPerSecond(): Promise<number> {
  const model = createModel({ seed: 1 });
  const batch = tf.randomUniform([BATCH, 28, 28, 1]);
  const once = async () => {
    const output = model.predict(batch) as tf.Tensor;
    await output.data();
    output.dispose();
  };
  await once();
  const started = performance.now();
  const repeats = 10;
  for (let i = 0; i < repeats; i++) await once();
  const seconds = (performance.now() - started) / 1000;
  tf.dispose(batch);
  model.dispose();
  return (repeats * BATCH) / seconds;
}

export async function measureTrainingThroughput(dataDir: string, batches = 40): Promise<ThroughputResult[]> {
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  const options = { dataDir, penData: null, limit: batches * BATCH };
  const { sources } = await loadTrainingSources(options);
  const results: ThroughputResult[] = [];
  for (const threads of [...new Set([1, Math.min(availableParallelism(), 4)])]) {
    const helpers = await startHelpers(threads - 1, { ...options, seed: 1, arch: 'cnn' });
    try {
      const model = createModel({ seed: 1 });
      const [epoch] = await fit(model, sources, {
        epochs: 1,
        batchSize: BATCH,
        random: createRandom(1),
        helpers,
      });
      model.dispose();
      results.push({
        threads,
        trainImagesPerSecond: epoch.imagesPerSecond,
        forwardImagesPerSecond: await forwardImagesPerSecond(),
      });
    } finally {
      await Promise.all(helpers.map((helper) => helper.close()));
    }
  }
  return results;
}
