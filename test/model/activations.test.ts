import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/learning/random';
import { entryById, readCatalog } from '../../src/model/catalog';
import { createClassifier, type Classifier } from '../../src/model/classifier';
import { modelOutputs } from '../../src/model/modelSource';
import { createTfRuntime } from '../../src/model/runtime';
import { readModelFolder } from '../../training/exportModel';

/** "Look inside" reads every layer of the committed default model, as the page runs it. */
const MODEL_DIR = join(__dirname, '../../public/models/cnn');

const artifacts = readModelFolder(MODEL_DIR);
const { catalog } = readCatalog(JSON.parse(readFileSync(join(MODEL_DIR, '../index.json'), 'utf8')));

/** A pen-stroke-like input: a few bright pixels on black. */
function randomInput(seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: 784 }, () => (random() < 0.15 ? random() : 0));
}

let classifier: Classifier;
let reference: tfl.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const runtime = createTfRuntime(
    async () => {
      await tf.setBackend('cpu');
      return () => {};
    },
    async () => {},
  );
  classifier = await createClassifier({
    source: async () => ({ artifacts, outputs: modelOutputs(entryById(catalog, 'cnn')!) }),
    runtime,
    backends: ['cpu'],
  });
  reference = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
});

afterAll(() => {
  classifier.dispose();
  reference.dispose();
});

describe('activations of the committed model', () => {
  it('gives one activation per layer, each of the shape tfjs-layers says', async () => {
    const layers = await classifier.activations(randomInput(1));
    expect(layers.map((layer) => layer.name)).toEqual(reference.layers.map((layer) => layer.name));
    for (const [i, layer] of layers.entries()) {
      const shape = (reference.layers[i].outputShape as (number | null)[]).slice(1);
      expect(layer.shape, layer.name).toEqual(shape);
      expect(layer.values, layer.name).toHaveLength(shape.reduce<number>((n, side) => n * side!, 1));
      expect(layer.values.every(Number.isFinite), layer.name).toBe(true);
    }
  });

  it("matches tfjs-layers' own layer outputs, and ends in the classifier's probabilities", async () => {
    const input = randomInput(2);
    const layers = await classifier.activations(input);
    const probe = tfl.model({
      inputs: reference.inputs,
      outputs: reference.layers.map((l) => l.output as tfl.SymbolicTensor),
    });
    const x = tf.tensor4d(input, [1, 28, 28, 1]);
    const expected = probe.predict(x) as tf.Tensor[];
    for (const [i, tensor] of expected.entries()) {
      const values = await tensor.data();
      layers[i].values.forEach((value, j) => expect(value).toBeCloseTo(values[j], 4));
    }
    tf.dispose([x, ...expected]);
    const outputs = await classifier.classify(input);
    layers.at(-1)!.values.forEach((value, j) => expect(value).toBeCloseTo(outputs[j], 6));
  });

  it('leaves the tensor count unchanged after 1,000 updates', async () => {
    await classifier.activations(randomInput(3)); // any first-call caches are made before counting
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await classifier.activations(randomInput(i));
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000); // tens of ms each on Node's CPU backend, more on a busy machine

  it('refuses input of the wrong size', async () => {
    await expect(classifier.activations(new Float32Array(10))).rejects.toThrow(RangeError);
  });
});
