import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readCatalog } from '../../src/model/catalog';
import { buildSequentialModel } from '../../src/model/sequentialModel';
import { readModelFolder } from '../../training/exportModel';

// The module under test imports the .wasm files through Vite's `?url`; here only the names matter.
vi.mock('@tensorflow/tfjs-backend-wasm/dist/backend_wasm', () => ({ setWasmPaths: () => {} }));

const MODELS_DIR = join(__dirname, '../../public/models');
const committed = readCatalog(JSON.parse(readFileSync(join(MODELS_DIR, 'index.json'), 'utf8')));

describe('the WASM custom bundle', () => {
  it('is checked against a catalog whose every entry is usable', () => {
    expect(committed.problems).toEqual([]);
    expect(committed.catalog.models.length).toBeGreaterThan(0);
  });

  it.each(committed.catalog.models.map((entry) => [entry.id, entry] as const))(
    'registers every kernel a prediction of catalog model "%s" calls',
    async (_id, entry) => {
      const { WASM_KERNELS } = await import('../../src/model/wasmBackend');
      await tf.setBackend('cpu');
      const model = buildSequentialModel(readModelFolder(join(MODELS_DIR, dirname(entry.modelUrl))));
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
    },
  );
});
