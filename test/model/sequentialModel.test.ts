import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryById, outputsOf, readCatalog } from '../../src/model/catalog';
import { buildSequentialModel, UnsupportedModelError } from '../../src/model/sequentialModel';
import { readModelFolder } from '../../training/exportModel';
import { createRandom } from '../../src/learning/random';

const MODEL_DIR = join(__dirname, '../../public/models/cnn');

const committedArtifacts = () => readModelFolder(MODEL_DIR);
/** Outputs per input of the committed model, as its catalog entry says. */
const committedOutputs = () => {
  const { catalog } = readCatalog(JSON.parse(readFileSync(join(MODEL_DIR, '../index.json'), 'utf8')));
  return outputsOf(entryById(catalog, 'cnn')!);
};

describe('the Sequential reader', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the same probabilities as tfjs-layers on the committed model', async () => {
    const artifacts = committedArtifacts();
    const reference = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const model = buildSequentialModel(artifacts);
    const random = createRandom(5);
    const inputs = tf.tensor4d(
      Float32Array.from({ length: 16 * 784 }, () => (random() < 0.2 ? random() : 0)),
      [16, 28, 28, 1],
    );
    const expected = await (reference.predict(inputs) as tf.Tensor).data();
    const actual = await model.predict(inputs).data();
    expect(actual).toHaveLength(16 * committedOutputs());
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
    expect(model.inputShape).toEqual([null, 28, 28, 1]);
    tf.dispose(inputs);
    reference.dispose();
    model.dispose();
  });

  it("gives the Flatten layer's output with the probabilities, from one pass, leaving no tensor", async () => {
    const artifacts = committedArtifacts();
    const reference = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const flatten = reference.layers.find((layer) => layer.getClassName() === 'Flatten')!;
    const featureModel = tfl.model({
      inputs: reference.inputs,
      outputs: flatten.output as tfl.SymbolicTensor,
    });
    const model = buildSequentialModel(artifacts);
    const inputs = tf.randomUniform([3, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const { probabilities, features } = model.predictWithFeatures(inputs);
    expect(tf.memory().numTensors).toBe(before + 2);
    const expected = await (featureModel.predict(inputs) as tf.Tensor).data();
    const actual = await features.data();
    expect(features.shape).toEqual([3, flatten.outputShape[1]]);
    for (let i = 0; i < expected.length; i += 37) expect(actual[i]).toBeCloseTo(expected[i], 4);
    expect(await probabilities.data()).toEqual(await model.predict(inputs).data());
    tf.dispose([probabilities, features, inputs]);
    reference.dispose();
    model.dispose();
  });

  it('leaves no tensor behind', () => {
    const model = buildSequentialModel(committedArtifacts());
    const input = tf.zeros([1, 28, 28, 1]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) model.predict(input).dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    input.dispose();
    expect(tf.memory().numTensors).toBe(before - 11); // the ten weight tensors and the input
  });

  it.each([
    [{ class_name: 'Functional', config: { layers: [] } }, /not describe a Sequential/],
    [
      {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'LSTM', config: { name: 'l', batch_input_shape: [null, 1] } }] },
      },
      /layer l is a LSTM/,
    ],
    [
      {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'd', activation: 'gelu', batch_input_shape: [null, 1] } },
          ],
        },
      },
      /unsupported activation "gelu"/,
    ],
  ])('refuses what it cannot run, saying what: %j', (topology, message) => {
    const artifacts = { modelTopology: topology, weightSpecs: [], weightData: new ArrayBuffer(0) };
    expect(() => buildSequentialModel(artifacts)).toThrow(UnsupportedModelError);
    expect(() => buildSequentialModel(artifacts)).toThrow(message);
  });
});
