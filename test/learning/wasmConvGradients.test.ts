import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers the gradients of every op
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmConvGradients } from '../../src/learning/wasmConvGradients';

type Pad = 'same' | 'valid' | number;
const cases: {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: Pad;
}[] = [
  { x: [2, 7, 7, 1], filter: [3, 3, 1, 4], stride: 1, pad: 'same' },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 5], stride: 2, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 5], stride: 2, pad: 'valid' },
  { x: [1, 6, 5, 2], filter: [5, 5, 2, 3], stride: 1, pad: 'same' },
  { x: [3, 10, 10, 4], filter: [3, 3, 4, 2], stride: 1, pad: 'valid' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 2], stride: 2, pad: 1 },
  { x: [2, 7, 8, 2], filter: [2, 2, 2, 3], stride: 1, pad: 'same' },
  { x: [4, 14, 14, 16], filter: [3, 3, 16, 32], stride: 1, pad: 'same' },
];

/** Both gradients of a conv inside a non-linear loss, on one backend. */
async function gradients(backend: string, { x, filter, stride, pad }: (typeof cases)[number]) {
  await tf.setBackend(backend);
  const values = (shape: number[], f: (i: number) => number) =>
    Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => f(i));
  const input = tf.tensor4d(
    values(x, (i) => Math.sin(i * 1.3)),
    x,
  );
  const kernel = tf.tensor4d(
    values(filter, (i) => Math.cos(i * 0.7)),
    filter,
  );
  const loss = (a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad)));
  const [dx, dw] = tf.grads(loss)([input, kernel]);
  const result = { dx: await dx.data(), dw: await dw.data() };
  tf.dispose([input, kernel, dx, dw]);
  return result;
}

function maxRelativeError(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
  }
  return worst;
}

describe('WASM convolution gradients', () => {
  beforeAll(async () => {
    registerWasmConvGradients();
    await tf.setBackend('wasm');
  });

  it.each(cases)('match the CPU backend for x $x, filter $filter, stride $stride, pad $pad', async (c) => {
    const cpu = await gradients('cpu', c);
    const wasm = await gradients('wasm', c);
    expect(wasm.dw).toHaveLength(cpu.dw.length);
    expect(maxRelativeError(cpu.dw, wasm.dw)).toBeLessThan(1e-4);
    expect(maxRelativeError(cpu.dx, wasm.dx)).toBeLessThan(1e-4);
  });

  it('leave no tensor behind', async () => {
    await gradients('wasm', cases[1]);
    const before = tf.memory().numTensors;
    await gradients('wasm', cases[1]);
    await gradients('wasm', cases[5]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('can be registered twice', () => {
    expect(() => registerWasmConvGradients()).not.toThrow();
  });
});
