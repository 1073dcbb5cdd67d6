import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
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

/**
 * Gets `name` ready to start without starting it (downloads its code, and for WASM its binary,
 * compiled), so the page can keep predicting on another backend meanwhile; throws why it cannot.
 */
export type BackendPreparer = (name: BackendName) => Promise<void>;

type WebGLModule = typeof import('@tensorflow/tfjs-backend-webgl');

/**
 * Backends load on demand, each in its own chunk: the first load carries only the one the page
 * starts with. A failed chunk download is forgotten, so a retry fetches it again.
 */
function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

// The WASM backend is ready to start once its code is here and its binary downloaded and
// compiled: all of it happens when the page asks for the backend, none when it starts.
const loadWasm = onDemand(async () => {
  const wasm = await import('./wasmBackend');
  await wasm.downloadWasmBinary();
  await wasm.compileWasmBackend();
});
const loadWebGL = onDemand<WebGLModule>(() => import('@tensorflow/tfjs-backend-webgl'));
// Only the kernels the model runs (`cpuBackend.ts`), not the whole package.
const loadCpu = onDemand(() => import('./cpuBackend'));

/**
 * A WebGL backend whose context was lost stays registered and would be handed out again, dead.
 * Replacing it makes the next start create a fresh context.
 */
function replaceDeadWebGL({ MathBackendWebGL }: WebGLModule): void {
  const existing = tf.findBackend('webgl');
  if (existing instanceof MathBackendWebGL && existing.gpgpu.gl.isContextLost()) {
    tf.removeBackend('webgl');
    tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
  }
}

function watchWebGLContext(onLost: () => void): () => void {
  const backend = tf.backend() as MathBackendWebGL;
  const canvas = backend.gpgpu.gl.canvas;
  const handleLoss = () => onLost();
  canvas.addEventListener('webglcontextlost', handleLoss);
  return () => canvas.removeEventListener('webglcontextlost', handleLoss);
}

export const prepareTfjsBackend: BackendPreparer = async (name) => {
  await { wasm: loadWasm, webgl: loadWebGL, cpu: loadCpu }[name]();
};

/**
 * Starts downloading a backend's code without starting it, so the page can fetch it while React
 * renders and the model loads. Failures are left for `initialiseTfjsBackend` to report.
 */
export function preloadBackend(name: BackendName): void {
  prepareTfjsBackend(name).catch(() => undefined);
}

export const initialiseTfjsBackend: BackendInitialiser = async (name, { onLost, lastResort }) => {
  switch (name) {
    case 'webgl':
      replaceDeadWebGL(await loadWebGL());
      // tfjs refuses software-rendered WebGL by default, rightly when another backend is next in line (the CPU one beats software WebGL); when
      // WebGL was asked for by name, a slow WebGL is what was asked for.
      tf.env().set('SOFTWARE_WEBGL_ENABLED', lastResort);
      break;
    case 'wasm':
    case 'cpu':
      await prepareTfjsBackend(name);
      break;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs could not start the ${name} backend`);
  return name === 'webgl' ? watchWebGLContext(onLost) : () => {};
};
