import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_PIXELS, NUM_CLASSES } from '../../src/digit';
import { fit, learningRateAt, slices, type DigitSource } from '../../src/learning/fit';
import { createModel } from '../../src/learning/model';
import { createRandom } from '../../src/learning/random';

/** Digits that are a bar whose row says the class: learnable, and cheap to make. */
function barSource(count: number, failAt = Infinity): DigitSource {
  let calls = 0;
  return {
    name: 'bars',
    count,
    label: (index) => index % NUM_CLASSES,
    image: (index) => {
      if (++calls > failAt) throw new Error('the data went away');
      const image = new Float32Array(MNIST_PIXELS);
      const row = 4 + 2 * (index % NUM_CLASSES);
      for (let x = 6; x < 22; x++) image[row * 28 + x] = 1;
      return image;
    },
  };
}

const tinyModel = () => createModel({ seed: 3, filters: [2, 2, 2, 2] });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fit', () => {
  it('trains: the loss of the last epoch is below the first', async () => {
    const model = tinyModel();
    const history = await fit(model, [barSource(40)], { epochs: 3, batchSize: 10, random: createRandom(1) });
    expect(history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(history[2].loss).toBeLessThan(history[0].loss);
    model.dispose();
  });

  it('leaves the tensor count unchanged after a run that is stopped part-way', async () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    let batches = 0;
    const history = await fit(model, [barSource(40)], {
      epochs: 5,
      batchSize: 10,
      random: createRandom(1),
      onBatch: () => batches++,
      shouldStop: () => batches >= 6,
    });
    expect(history).toHaveLength(1); // stopped in the second epoch
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('visits `perEpoch` items of a source an epoch, a fresh choice each epoch, and all of another', async () => {
    const model = tinyModel();
    const seen: number[][] = [[]]; // per epoch, the indices drawn
    const recording = (source: DigitSource): DigitSource => ({
      ...source,
      image: (index, random) => {
        seen.at(-1)!.push(index);
        return source.image(index, random);
      },
    });
    const half = recording({ ...barSource(40), perEpoch: 20 });
    const whole = { ...barSource(10), name: 'whole' };
    let steps = 0;
    await fit(model, [half, whole], {
      epochs: 2,
      batchSize: 10,
      random: createRandom(1),
      onEpochEnd: () => void seen.push([]),
      onBatch: () => void steps++,
    }).finally(() => model.dispose());
    const [first, second] = seen;
    for (const indices of [first, second]) {
      expect(indices).toHaveLength(20);
      expect(new Set(indices).size).toBe(20);
    }
    expect(new Set([...first, ...second]).size).toBeGreaterThan(20);
    expect(steps).toBe(2 * 3); // (20 + 10) / 10 batches an epoch
  });

  it('leaves the tensor count unchanged, and reports the error, when a batch throws', async () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const run = fit(model, [barSource(40, 25)], { epochs: 2, batchSize: 10, random: createRandom(1) });
    await expect(run).rejects.toThrow('the data went away');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('learning-rate schedule', () => {
  it.each([
    [0, 1e-4],
    [9, 1e-3],
    [10, 1e-3],
    [110, 1e-5],
  ])('at step %i of 110 (10 warm-up, peak 1e-3) is %f', (step, expected) => {
    expect(learningRateAt(step, 110, 1e-3, 10)).toBeCloseTo(expected, 8);
  });

  it('never increases after the warm-up', () => {
    const rates = Array.from({ length: 100 }, (_, step) => learningRateAt(step, 100, 1e-3, 10)).slice(10);
    rates.slice(1).forEach((rate, i) => expect(rate).toBeLessThanOrEqual(rates[i]));
  });
});

describe('slices', () => {
  it.each([
    [10, 1, [10]],
    [10, 3, [3, 4, 3]],
    [2, 3, [1, 0, 1]],
  ])('cuts %i items into %i contiguous parts of sizes %j', (count, parts, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const cut = slices(items, parts);
    expect(cut.map((part) => part.length)).toEqual(sizes);
    expect(cut.flat()).toEqual(items);
  });
});
