/**
 * The WASM backend with only the kernels this page's model runs: a TensorFlow.js custom bundle.
 * Importing the package whole registers ~150 kernels, most of its JavaScript; the model needs the
 * five below (a test checks this list against the kernels a prediction actually calls).
 */
import { env, registerBackend, registerKernel } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm/dist/flags_wasm';
import { BackendWasm, init, setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/backend_wasm';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { downloads } from './downloadProgress';

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
const BINARIES = {
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
} as const;
setWasmPaths(BINARIES);

type BinaryName = keyof typeof BINARIES;

/** The binary the backend will ask for here: the same feature tests tfjs makes (backend_wasm.ts). */
async function chosenBinary(): Promise<BinaryName> {
  const [simd, threads] = await Promise.all([
    env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  if (simd && threads) return 'tfjs-backend-wasm-threaded-simd.wasm';
  return simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
}

/**
 * Downloads the WASM binary through the page's progress tracker, so the progress bar counts the
 * runtime (the largest file of a first visit) and a missing binary fails with its name. The
 * backend's own request for it, made next, is then answered by the HTTP cache or the service
 * worker. tfjs can fetch through `env().platform.fetch` instead, but that path leaves a failed
 * request unhandled and the backend waiting forever (tfjs-backend-wasm 4.22,
 * `createInstantiateWasmFunc`).
 */
export async function downloadWasmBinary(): Promise<void> {
  const name = await chosenBinary();
  const url = new URL(BINARIES[name], document.baseURI).href;
  downloads.expect(url, __WASM_BINARY_BYTES__[name]);
  const response = await downloads.fetch(url);
  if (!response.ok) throw new Error(`${name} returned ${response.status}`);
  await response.arrayBuffer();
}

/**
 * Compiles and instantiates the binary (read from the HTTP cache after `downloadWasmBinary`),
 * then registers the backend so that `tf.setBackend('wasm')` starts it at once. Registered the
 * package's way (`dist/base`), the backend compiles inside `setBackend`, and while a backend
 * initialises tfjs refuses every op on the backend in use: the page could not predict on CPU
 * meanwhile. Done here, the compilation overlaps predictions and the switch itself is short.
 */
export async function compileWasmBackend(): Promise<void> {
  const { wasm } = await init();
  registerBackend('wasm', () => new BackendWasm(wasm), 2);
}
