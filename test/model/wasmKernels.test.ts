import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildSequentialModel } from '../../src/model/sequentialModel';

// The module under test imports the .wasm files through Vite's `?url`; here only the names matter.
vi.mock('@tensorflow/tfjs-backend-wasm/dist/base', () => ({ setWasmPaths: () => {} }));

describe('the WASM custom bundle', () => {
  it('registers every kernel a prediction of the committed model calls', async () => {
    const { WASM_KERNELS } = await import('../../src/model/wasmBackend');
    await tf.setBackend('cpu');
    const dir = join(__dirname, '../../public/models/cnn');
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const bytes = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
    const model = buildSequentialModel({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    const profile = await tf.profile(async () => {
      const output = model.predict(tf.zeros([1, 28, 28, 1]));
      await output.data();
    });
    // The profiler also lists op wrappers (`fusedConv2d__op`); kernels are the registered names.
    const kernels = profile.kernelNames.filter((name) => tf.getKernel(name, 'cpu'));
    const bundled = WASM_KERNELS.map((kernel) => kernel.kernelName);
    expect(kernels.length).toBeGreaterThan(0);
    for (const kernel of kernels) expect(bundled).toContain(kernel);
    model.dispose();
  });
});
