import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  getKernel,
  registerKernel,
  Sum,
  unregisterKernel,
  type KernelBackend,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmSum } from '../../src/learning/wasmSum';

// The backend's own kernel, taken before ours replaces it: the reference to match bit for bit.
const original = getKernel(Sum, 'wasm')!;
const builtIn = original.kernelFunc;
// Ours falls back to whatever was registered before it: counting those calls shows which sums it does itself.
let fallbacks = 0;
unregisterKernel(Sum, 'wasm');
registerKernel({
  ...original,
  kernelFunc: (args) => {
    fallbacks++;
    return builtIn(args);
  },
});

/** Values over many magnitudes and both signs, so that the order of the additions shows in the bits. */
const values = (size: number) =>
  Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 9) - 4));

const cases: { shape: number[]; axis: number[]; keepDims?: boolean; dtype?: 'int32'; ours: boolean }[] = [
  { shape: [32, 28, 28, 32], axis: [0, 1, 2], ours: true }, // a bias's gradient
  { shape: [5, 7, 7, 48], axis: [0, 1, 2], keepDims: true, ours: true },
  { shape: [300, 11], axis: [0], ours: true },
  { shape: [4, 6, 5], axis: [-3, -2], ours: true },
  { shape: [4, 6, 5], axis: [1, 0], ours: false }, // the built-in adds these in another order
  { shape: [4, 6, 5], axis: [2], ours: false },
  { shape: [4, 6], axis: [0, 1], ours: false }, // down to one number
  { shape: [4, 6], axis: [0], dtype: 'int32', ours: false },
];

function sumWith(kernel: typeof builtIn, c: (typeof cases)[number]) {
  const x = tf.tensor(values(c.shape.reduce((a, b) => a * b, 1)), c.shape, c.dtype);
  const backend = tf.backend() as KernelBackend;
  const attrs = { axis: c.axis, keepDims: c.keepDims ?? false } as unknown as NamedAttrMap;
  const out = kernel({ inputs: { x }, backend, attrs }) as TensorInfo;
  const result = {
    shape: out.shape,
    bits: new Uint32Array((backend.readSync(out.dataId) as Float32Array).slice().buffer),
  };
  backend.disposeData(out.dataId);
  x.dispose();
  return result;
}

describe('WASM sum over the leading axes', () => {
  beforeAll(async () => {
    registerWasmSum();
    await tf.setBackend('wasm');
  });

  it.each(cases)('is the built-in kernel bit for bit: $shape over $axis', (c) => {
    const before = fallbacks;
    const ours = sumWith(getKernel(Sum, 'wasm')!.kernelFunc, c);
    expect(fallbacks - before).toBe(c.ours ? 0 : 1);
    expect(ours).toEqual(sumWith(builtIn, c));
  });

  it('gives what tf.sum gives, and can be registered twice', async () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    expect(await tf.sum(x, [0, 1]).data()).toEqual(new Float32Array([16, 20]));
    expect(tf.sum(x, [0, 1], true).shape).toEqual([1, 1, 2]);
    x.dispose();
    expect(() => registerWasmSum()).not.toThrow();
  });
});
