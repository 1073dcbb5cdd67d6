import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildSequentialModel } from '../../src/model/sequentialModel';
import { readModelFolder } from '../../training/exportModel';

// The module under test imports the .wasm files through Vite's `?url`; here only the names matter.
vi.mock('@tensorflow/tfjs-backend-wasm/dist/base', () => ({ setWasmPaths: () => {} }));

describe('the WASM custom bundle', () => {
  it('registers every kernel a prediction of the committed model calls', async () => {
    const { WASM_KERNELS } = await import('../../src/model/wasmBackend');
    await tf.setBackend('cpu');
    const model = buildSequentialModel(readModelFolder(join(__dirname, '../../public/models/cnn')));
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
