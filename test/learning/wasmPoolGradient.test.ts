import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers the gradients of every op
import {
  getKernel,
  MaxPoolGrad,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmMaxPoolGrad } from '../../src/learning/wasmPoolGradient';

// The backend's own kernel, taken before ours replaces it: the reference to match bit for bit.
const original = getKernel(MaxPoolGrad, 'wasm')!;
const builtIn = original.kernelFunc;
// Ours falls back to whatever was registered before it: counting those calls shows which pools it does itself.
let fallbacks = 0;
unregisterKernel(MaxPoolGrad, 'wasm');
registerKernel({
  ...original,
  kernelFunc: (args) => {
    fallbacks++;
    return builtIn(args);
  },
});

/** ReLU-like activations: many zeros (whole windows of them), ties, tiny and negative values. */
function activations(size: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => {
    const kind = (i * 7919) % 11;
    if (kind < 4) return 0;
    if (kind === 4) return 1e-40; // subnormal: below where the built-in max starts
    if (kind === 5) return 0.5; // ties within a window
    if (kind === 6) return -0.25;
    return Math.abs(Math.sin(i * 1.7));
  });
}

const cases = [
  { shape: [2, 28, 28, 4], filterSize: 2, strides: 2, pad: 'valid', ours: true },
  { shape: [3, 7, 7, 5], filterSize: 2, strides: 2, pad: 'valid', ours: true }, // odd: a row and column in no window
  { shape: [1, 4, 4, 1], filterSize: 2, strides: 2, pad: 'valid', ours: true, allZero: true },
  { shape: [1, 9, 8, 3], filterSize: 3, strides: 3, pad: 'valid', ours: false },
  { shape: [2, 8, 8, 2], filterSize: 3, strides: 2, pad: 'valid', ours: false }, // overlapping windows
  { shape: [2, 7, 7, 2], filterSize: 2, strides: 2, pad: 'same', ours: false }, // a window past the edge
] as const;

type Case = (typeof cases)[number] & { allZero?: boolean };

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function gradient(kernel: KernelFunc, c: Case, dyValues: (size: number) => Float32Array) {
  const x = tf.tensor4d(c.allZero ? new Float32Array(sizeOf(c.shape)) : activations(sizeOf(c.shape)), [
    ...c.shape,
  ]);
  const y = tf.maxPool(x, c.filterSize, c.strides, c.pad);
  const dy = tf.tensor(dyValues(y.size), y.shape);
  const backend = tf.backend() as KernelBackend;
  const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad } as unknown as NamedAttrMap;
  const dx = kernel({ inputs: { dy, input: x, output: y }, backend, attrs }) as TensorInfo;
  const values = new Float32Array(backend.readSync(dx.dataId) as Float32Array);
  backend.disposeData(dx.dataId);
  tf.dispose([x, y, dy]);
  return values;
}

const signed = (size: number) => Float32Array.from({ length: size }, (_, i) => Math.cos(i * 0.9) * (i % 5));
const nonFinite = (size: number) =>
  Float32Array.from(signed(size), (v, i) => (i === 1 ? NaN : i === 2 ? Infinity : i === 3 ? -0 : v));

describe('WASM max-pooling gradient', () => {
  beforeAll(async () => {
    registerWasmMaxPoolGrad();
    await tf.setBackend('wasm');
  });

  it.each(cases)('is the built-in kernel bit for bit: $shape, pool $filterSize stride $strides $pad', (c) => {
    const ours = getKernel(MaxPoolGrad, 'wasm')!.kernelFunc;
    const before = fallbacks;
    gradient(ours, c, signed);
    expect(fallbacks - before).toBe(c.ours ? 0 : 1);
    const bits = (values: Float32Array) => new Uint32Array(values.buffer);
    expect(bits(gradient(ours, c, signed))).toEqual(bits(gradient(builtIn, c, signed)));
    // NaN where the built-in has NaN (its sign bit is the CPU's business), the rest bit for bit.
    expect(Array.from(gradient(ours, c, nonFinite))).toEqual(Array.from(gradient(builtIn, c, nonFinite)));
  });

  it('leaves no tensor behind and can be registered twice', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')))(tf.ones([1, 4, 4, 1]));
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => registerWasmMaxPoolGrad()).not.toThrow();
  });
});
