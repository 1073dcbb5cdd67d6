import * as tf from '@tensorflow/tfjs-core';
// WebGL is the default, so it ships in the main bundle; WASM and CPU load only when needed.
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from './backendChoice';

export interface BackendHooks {
  /** Called if the backend dies after starting (a lost WebGL context). */
  onLost: () => void;
  /** Nothing comes after this backend: prefer a slow start to none. */
  lastResort: boolean;
}

/**
 * Makes `name` the active tfjs backend or throws why it cannot; resolves to a function that
 * stops watching for its loss. The classifier takes it as a parameter so tests can stand in.
 */
export type BackendInitialiser = (name: BackendName, hooks: BackendHooks) => Promise<() => void>;

let wasmBackend: Promise<void> | null = null;

/**
 * The .wasm binaries are emitted by Vite next to the app, so the backend never reaches for the
 * CDN it defaults to. Paths can be set only once, before the backend first starts.
 */
function loadWasmBackend(): Promise<void> {
  wasmBackend ??= import('@tensorflow/tfjs-backend-wasm').then(
    ({ setWasmPaths }) =>
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlainUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
      }),
    (error: unknown) => {
      wasmBackend = null; // a failed chunk download may succeed on retry
      throw error;
    },
  );
  return wasmBackend;
}

/**
 * A WebGL backend whose context was lost stays registered and would be handed out again, dead.
 * Replacing it makes the next start create a fresh context.
 */
function replaceDeadWebGL(): void {
  const existing = tf.findBackend('webgl');
  if (existing instanceof MathBackendWebGL && existing.gpgpu.gl.isContextLost()) {
    tf.removeBackend('webgl');
    tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
  }
}

function watchWebGLContext(onLost: () => void): () => void {
  const backend = tf.backend();
  if (!(backend instanceof MathBackendWebGL)) return () => {};
  const canvas = backend.gpgpu.gl.canvas;
  const handleLoss = () => onLost();
  canvas.addEventListener('webglcontextlost', handleLoss);
  return () => canvas.removeEventListener('webglcontextlost', handleLoss);
}

export const initialiseTfjsBackend: BackendInitialiser = async (name, { onLost, lastResort }) => {
  switch (name) {
    case 'webgl':
      replaceDeadWebGL();
      // tfjs refuses software-rendered WebGL by default, rightly when WASM is next in line; when
      // WebGL was asked for by name, a slow WebGL is what was asked for.
      tf.env().set('SOFTWARE_WEBGL_ENABLED', lastResort);
      break;
    case 'wasm':
      await loadWasmBackend();
      break;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      break;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs could not start the ${name} backend`);
  return name === 'webgl' ? watchWebGLContext(onLost) : () => {};
};
