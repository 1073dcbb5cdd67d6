/**
 * `Sum` over the leading axes for the WASM backend, in plain JavaScript over the backend's memory:
 * a bias's gradient (the sum of dy over batch, rows and columns, per channel).
 *
 * TensorFlow.js 4.22's WASM `Sum` first transposes the input so that the summed axes come last,
 * then adds each row up from the first element to the last in float32. Adding all the channels
 * side by side in one pass over the input adds each channel's values in exactly that order, so the
 * sums are the same bit for bit, without the transposed copy: ~1 ms instead of ~5 ms for the
 * 32x28x28x32 gradient of the CNN's second convolution.
 *
 * Every other sum (other axes, or not float32) goes to the backend's own kernel.
 */
import {
  Sum,
  util,
  type KernelFunc,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { heapViews, replaceWasmKernel, type HeapBackend } from './wasmKernel';

/**
 * `sums[j] = values[j] + values[inner + j] + values[2 * inner + j] + ...`, added left to right, each
 * step rounded to float32 (a `Float32Array` element stores the rounded double sum, and a double
 * holds the exact sum of two floats closely enough that this is float32 addition).
 */
function sumLeading(values: Float32Array, sums: Float32Array): void {
  const inner = sums.length;
  sums.fill(0);
  for (let row = 0; row < values.length; row += inner) {
    for (let j = 0; j < inner; j++) sums[j] += values[row + j];
  }
}

/** The number of leading axes summed, when `axes` are exactly 0, 1, ... in order, some left over. */
function leadingAxes(axes: readonly number[], rank: number): number | null {
  const leading = axes.length > 0 && axes.length < rank && axes.every((axis, i) => axis === i);
  return leading ? axes.length : null;
}

let builtInSum: KernelFunc | undefined;

const sum: KernelFunc = (args) => {
  const { x } = args.inputs as unknown as Record<keyof SumInputs, TensorInfo>;
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  const summed = leadingAxes(util.parseAxisParam(axis, x.shape), x.shape.length);
  if (summed === null || x.dtype !== 'float32' || util.sizeFromShape(x.shape) === 0) {
    if (!builtInSum) throw new Error(`no built-in ${Sum} on WASM`);
    return builtInSum(args);
  }
  const kept = x.shape.slice(summed);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput(
    keepDims ? [...x.shape.slice(0, summed).map(() => 1), ...kept] : kept,
    'float32',
  );
  const [values, sums] = heapViews(backend, x, out);
  sumLeading(values, sums);
  return out;
};

/** Installs the kernel on the WASM backend, keeping the built-in one for every other sum; idempotent. */
export function registerWasmSum(): void {
  replaceWasmKernel(Sum, sum, (builtIn) => (builtInSum = builtIn));
}
