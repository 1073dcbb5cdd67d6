/**
 * Max-pooling's gradient for the WASM backend, in plain JavaScript over the backend's memory.
 *
 * TensorFlow.js 4.22's WASM `MaxPoolGrad` visits every input pixel and, for each, walks the
 * windows around it: about a sixth of a training step of the digit CNN went there. In a 2x2 pool
 * of stride 2 (every model here has only those) each input pixel lies in at most one window, so
 * one pass over the windows does the same work, about three times faster. It reproduces the
 * built-in kernel bit for bit, quirks included, so a seed still gives the same weights:
 *
 * - a window's max starts at the smallest normal float and the last value `>=` it wins (row by
 *   row), so a window of zeros (dead ReLUs) has no max and passes no gradient, except the window
 *   holding the tensor's first element, whose default position is that element;
 * - every input pixel of a window gets `0 + dy * (is it the max ? 1 : 0)`, so a non-finite `dy`
 *   spreads NaN over its window as it does there, and a `-0` becomes `+0`;
 * - pixels in no window (the last row and column of an odd size) get 0.
 *
 * Other pools (other sizes, overlapping windows, padding, dilation) go to the backend's own kernel.
 */
import {
  backend_util,
  MaxPoolGrad,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { heapViews, replaceWasmKernel, type HeapBackend } from './wasmKernel';

/** The smallest normal float32 (C++'s `numeric_limits<float>::min()`), where the built-in max starts. */
const FLOAT_MIN = 1.1754943508222875e-38;

type PoolInfo = backend_util.Conv2DInfo;

/** 2x2 windows of stride 2 from the top-left corner, channels last: the pool every model here has. */
function isTwoByTwo(info: PoolInfo): boolean {
  const { strideHeight, strideWidth, filterHeight, filterWidth, dilationHeight, dilationWidth } = info;
  return (
    info.dataFormat === 'channelsLast' &&
    [strideHeight, strideWidth, filterHeight, filterWidth].every((n) => n === 2) &&
    dilationHeight === 1 &&
    dilationWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.outHeight * 2 <= info.inHeight &&
    info.outWidth * 2 <= info.inWidth
  );
}

/**
 * Offset of the max of the window whose top-left pixel is at `at`, as the built-in kernel picks it
 * (row by row, the last value `>=` the max so far), or -1 when none reaches `FLOAT_MIN`. Written
 * without branches on the values: which pixel wins is a coin toss the CPU cannot predict.
 */
function lastMax(x: Float32Array, at: number, right: number, down: number): number {
  const a = x[at];
  const b = x[at + right];
  const c = x[at + down];
  const d = x[at + down + right];
  let best = FLOAT_MIN;
  let position = -1;
  let wins = a >= best;
  position = wins ? at : position;
  best = wins ? a : best;
  wins = b >= best;
  position = wins ? at + right : position;
  best = wins ? b : best;
  wins = c >= best;
  position = wins ? at + down : position;
  best = wins ? c : best;
  return d >= best ? at + down + right : position;
}

/** dx of a 2x2, stride-2 pool; `dy` is read in its own (NHWC) order, window after window. */
function maxPoolGrad2x2(x: Float32Array, dy: Float32Array, dx: Float32Array, info: PoolInfo): void {
  const { inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const right = channels;
  const down = inWidth * channels;
  dx.fill(0); // pixels of no window, and every window's pixels but its max
  let window = 0;
  for (let b = 0; b < info.batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const corner = ((b * inHeight + 2 * oy) * inWidth + 2 * ox) * channels;
        for (let c = 0; c < channels; c++, window++) {
          const at = corner + c;
          const d = dy[window];
          const found = lastMax(x, at, right, down);
          // Without a max, the built-in kernel's position stays 0: inside the first window only.
          const position = found >= 0 ? found : window === 0 ? 0 : -1;
          // 0 + dy * 0 is NaN for a non-finite dy, on every pixel of the window.
          if (d - d !== 0) dx[at] = dx[at + right] = dx[at + down] = dx[at + down + right] = NaN;
          if (position >= 0) dx[position] = 0 + d;
        }
      }
    }
  }
}

let builtInMaxPoolGrad: KernelFunc | undefined;

const maxPoolGrad: KernelFunc = (args) => {
  const { dy, input } = args.inputs as Record<keyof MaxPoolGradInputs, TensorInfo>;
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (!isTwoByTwo(info) || input.dtype !== 'float32') {
    if (!builtInMaxPoolGrad) throw new Error(`no built-in ${MaxPoolGrad} on WASM`);
    return builtInMaxPoolGrad(args);
  }
  const backend = args.backend as unknown as HeapBackend;
  const dx = backend.makeOutput(input.shape, 'float32');
  const [x, dyValues, dxValues] = heapViews(backend, input, dy, dx);
  maxPoolGrad2x2(x, dyValues, dxValues, info);
  return dx;
};

/** Installs the kernel on the WASM backend, keeping the built-in one for the other pools; idempotent. */
export function registerWasmMaxPoolGrad(): void {
  replaceWasmKernel(MaxPoolGrad, maxPoolGrad, (builtIn) => (builtInMaxPoolGrad = builtIn));
}
