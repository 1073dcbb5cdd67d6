import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The custom bundle alone, not the whole CPU package: a kernel it lacks fails the prediction.
import { CPU_KERNELS } from '../../src/model/cpuBackend';
import { readCatalog } from '../../src/model/catalog';
import { buildSequentialModel } from '../../src/model/sequentialModel';
import { readModelFolder } from '../../training/exportModel';

const MODELS_DIR = join(__dirname, '../../public/models');
const committed = readCatalog(JSON.parse(readFileSync(join(MODELS_DIR, 'index.json'), 'utf8')));

describe('the CPU custom bundle', () => {
  it('registers no more than the five kernels the model needs', () => {
    expect(CPU_KERNELS.map((kernel) => kernel.kernelName).sort()).toEqual(
      ['FusedConv2D', 'MaxPool', 'Reshape', 'Softmax', '_FusedMatMul'].sort(),
    );
  });

  it.each(committed.catalog.models.map((entry) => [entry.id, entry] as const))(
    'runs catalog model "%s" with only its own kernels, leaving no tensor behind',
    async (_id, entry) => {
      expect(await tf.setBackend('cpu')).toBe(true);
      const before = tf.memory().numTensors;
      const model = buildSequentialModel(readModelFolder(join(MODELS_DIR, dirname(entry.modelUrl))));
      const input = tf.tensor4d(
        Float32Array.from({ length: 784 }, (_, i) => (i % 29 < 4 ? 1 : 0)),
        [1, 28, 28, 1],
      );
      const profile = await tf.profile(async () => {
        const output = model.predict(input);
        const probabilities = await output.data<'float32'>();
        output.dispose();
        expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
      });
      const kernels = profile.kernelNames.filter((name) => tf.getKernel(name, 'cpu'));
      expect(kernels.length).toBeGreaterThan(0);
      for (const kernel of kernels) expect(CPU_KERNELS.map((k) => k.kernelName)).toContain(kernel);
      input.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
