import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { NUM_CLASSES, OUTPUTS_WITH_NOT_DIGIT } from '../../src/digit';
import { modelArtifacts } from '../../src/learning/artifacts';
import { ARCH_NAMES, ARCHITECTURES, createModel, type ArchName } from '../../src/learning/model';
import { buildSequentialModel } from '../../src/model/sequentialModel';

/** The kernels the page's CPU and WASM bundles register (test/model/*Kernels.test.ts hold them to it). */
const PAGE_KERNELS = ['FusedConv2D', 'MaxPool', 'Reshape', 'Softmax', '_FusedMatMul'];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A stroke-like input: a few ink columns. */
const input = () =>
  tf.tensor4d(
    Float32Array.from({ length: 784 }, (_, i) => (i % 29 < 4 ? 1 : 0)),
    [1, 28, 28, 1],
  );

describe('the architectures', () => {
  it('are the three the training command offers, cnn first', () => {
    expect(ARCH_NAMES).toEqual(['cnn', 'dense', 'cnn-large']);
    for (const arch of ARCH_NAMES) expect(ARCHITECTURES[arch].name).not.toBe('');
  });

  // Counted by hand: cnn 160+4640+13872+27712+(576+1)*outputs; dense 784*512+512 + 512*512+512
  // + (512+1)*outputs; cnn-large 320+9248+18496+36928+73856 + 1152*128+128 + (128+1)*outputs.
  it.each<[ArchName, number, number]>([
    ['cnn', NUM_CLASSES, 52154],
    ['cnn', OUTPUTS_WITH_NOT_DIGIT, 52731],
    ['dense', NUM_CLASSES, 669706],
    ['dense', OUTPUTS_WITH_NOT_DIGIT, 670219],
    ['cnn-large', NUM_CLASSES, 287722],
    ['cnn-large', OUTPUTS_WITH_NOT_DIGIT, 287851],
  ])(
    '%s with %i outputs has %i parameters, takes 28x28x1 and gives probabilities',
    async (arch, outputs, params) => {
      const model = createModel({ seed: 1, arch, outputs });
      expect(model.countParams()).toBe(params);
      expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
      expect(model.outputs[0].shape).toEqual([null, outputs]);
      const x = input();
      const probabilities = model.predict(x) as tf.Tensor;
      const values = await probabilities.data<'float32'>();
      expect(values.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
      tf.dispose([x, probabilities]);
      model.dispose();
    },
  );

  it('cnn-large stays under 400k parameters, and the default is today’s CNN, weights and all', () => {
    const large = createModel({ seed: 1, arch: 'cnn-large' });
    expect(large.countParams()).toBeLessThan(400_000);
    const byDefault = createModel({ seed: 1 });
    const cnn = createModel({ seed: 1, arch: 'cnn' });
    expect(byDefault.layers.map((l) => l.getClassName())).toEqual(cnn.layers.map((l) => l.getClassName()));
    const [a, b] = [byDefault, cnn].map((m) => m.getWeights().map((w) => Array.from(w.dataSync())));
    expect(a).toEqual(b);
    [large, byDefault, cnn].forEach((m) => m.dispose());
  });

  it.each(ARCH_NAMES.map((arch) => [arch]))(
    '%s runs in the page’s forward pass, with the page’s kernels only, as tfjs-layers does',
    async (arch) => {
      const model = createModel({ seed: 2, arch, outputs: OUTPUTS_WITH_NOT_DIGIT });
      const page = buildSequentialModel(await modelArtifacts(model));
      const x = input();
      const expected = model.predict(x) as tf.Tensor;
      const profile = await tf.profile(async () => {
        const output = page.predict(x);
        const got = await output.data();
        expect(Array.from(got).map((p) => p.toFixed(5))).toEqual(
          Array.from(await expected.data()).map((p) => p.toFixed(5)),
        );
        output.dispose();
      });
      const kernels = profile.kernelNames.filter((name) => tf.getKernel(name, 'cpu'));
      for (const kernel of kernels) expect(PAGE_KERNELS).toContain(kernel);
      tf.dispose([x, expected]);
      page.dispose();
      model.dispose();
    },
  );
});
