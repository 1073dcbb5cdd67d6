/** Starts gradient helper threads and talks to them; see `gradientHelper.ts`. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GradientHelper } from '../src/learning/fit';
import type { SliceResult } from '../src/learning/gradients';
import type { ArchName } from '../src/learning/model';
import type { SourceOptions } from './sources';

/** What a helper needs to build the same model from the same data as the main thread. */
export type HelperOptions = SourceOptions & { seed: number; arch: ArchName };

const HELPER_PATH = fileURLToPath(new URL('./gradientHelper.ts', import.meta.url));

/**
 * The helper is TypeScript, and Node 20 workers ignore the loader the main thread runs under, so
 * the worker starts from a line of JavaScript that imports it through tsx's API.
 */
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(HELPER_PATH)}, ${JSON.stringify(import.meta.url)}))`;

function startHelper(options: HelperOptions): Promise<GradientHelper> {
  // Functions cannot cross to a worker; the helper reports nothing anyway.
  const { onProgress: _onProgress, ...data } = options;
  const worker = new Worker(BOOT, { eval: true, workerData: data });
  let pending: { resolve: (r: SliceResult) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure = error;
    pending?.reject(error);
    pending = undefined;
  };
  return new Promise((resolve, reject) => {
    worker.on('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.on('exit', (code) => fail(new Error(`gradient helper exited with code ${code}`)));
    worker.on('message', (message) => {
      if (message.ready) {
        resolve({
          compute(weights, items, next) {
            if (failure) return Promise.reject(failure);
            return new Promise((resolveSlice, rejectSlice) => {
              pending = { resolve: resolveSlice, reject: rejectSlice };
              worker.postMessage({ weights, items, next });
            });
          },
          async close() {
            failure = new Error('gradient helper closed');
            await worker.terminate();
          },
        });
      } else if (message.ok) {
        pending?.resolve(message.result);
        pending = undefined;
      } else {
        fail(new Error(`gradient helper: ${message.message}`));
      }
    });
  });
}

export async function startHelpers(count: number, options: HelperOptions): Promise<GradientHelper[]> {
  return Promise.all(Array.from({ length: count }, () => startHelper(options)));
}
