/**
 * The WASM backend with only the kernels this page's model runs: a TensorFlow.js custom bundle.
 * Importing the package whole registers ~150 kernels, most of its JavaScript; the model needs the
 * five below (a test checks this list against the kernels a prediction actually calls).
 */
import { registerKernel } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_KERNELS = [
  fusedConv2DConfig,
  maxPoolConfig,
  reshapeConfig,
  softmaxConfig,
  _fusedMatMulConfig,
];

for (const kernel of WASM_KERNELS) registerKernel(kernel);

// The .wasm binaries are emitted by Vite next to the app, so the backend never reaches for the
// CDN it defaults to. Paths can be set only once, before the backend first starts.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});
