/**
 * The CPU backend with only the kernels this page's model runs: a TensorFlow.js custom bundle, as
 * `wasmBackend.ts` is for WASM. Importing the package whole registers every kernel (49 KB
 * gzipped); the model needs the five below (a test checks this list against the kernels a
 * prediction actually calls), and with the backend itself they are a fraction of that. The page
 * answers its first drawing on this backend, so it is what a first visit downloads.
 */
import { registerKernel } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';

export const CPU_KERNELS = [
  fusedConv2DConfig,
  maxPoolConfig,
  reshapeConfig,
  softmaxConfig,
  _fusedMatMulConfig,
];

for (const kernel of CPU_KERNELS) registerKernel(kernel);
