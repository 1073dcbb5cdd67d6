/**
 * What the training kernels written in JavaScript for the WASM backend share: putting one in place
 * of a built-in kernel that stays its fallback, and reading tensors straight from WASM memory.
 */
import {
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

export const WASM = 'wasm';

/** What the kernels need of the WASM backend: outputs in its memory, and tensors as views of it. */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * Installs `kernelFunc` as the WASM kernel `name`, handing the one it replaces (if any) to
 * `keepFallback`; does nothing when it is already installed. The replaced kernel's setup (binding
 * its WASM function) still runs when the backend starts, so it keeps working as the fallback.
 */
export function replaceWasmKernel(
  name: string,
  kernelFunc: KernelFunc,
  keepFallback: (builtIn: KernelFunc | undefined) => void,
): void {
  const current = getKernel(name, WASM);
  if (current?.kernelFunc === kernelFunc) return;
  keepFallback(current?.kernelFunc);
  if (current) unregisterKernel(name, WASM);
  registerKernel({ kernelName: name, backendName: WASM, kernelFunc, setupFunc: current?.setupFunc });
}

/** Float32 views of `tensors`, taken together after every output is allocated (allocating may grow the memory and detach older views). */
export function heapViews(backend: HeapBackend, ...tensors: TensorInfo[]): Float32Array[] {
  return tensors.map((tensor) => backend.typedArrayFromHeap(tensor));
}
