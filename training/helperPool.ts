/** Starts gradient helper threads and talks to them; see `gradientHelper.ts`. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GradientHelper } from '../src/learning/fit';
import type { SliceResult } from '../src/learning/gradients';
import type { ArchName } from '../src/learning/model';
import type { SourceOptions } from './sources';
import type { HeldOutReader, ReadSet } from './heldOutShare';
import type { HelperRequest } from './gradientHelper';

/** What a helper needs to build the same model from the same data as the main thread. */
export type HelperOptions = SourceOptions & { seed: number; arch: ArchName };

/** A helper thread: gradients during training, a share of the held-out sets after it. */
export type TrainingHelper = GradientHelper & HeldOutReader;

const HELPER_PATH = fileURLToPath(new URL('./gradientHelper.ts', import.meta.url));

/**
 * The helper is TypeScript, and Node 20 workers ignore the loader the main thread runs under, so
 * the worker starts from a line of JavaScript that imports it through tsx's API.
 */
const BOOT = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(HELPER_PATH)}, ${JSON.stringify(import.meta.url)}))`;

/** A worker's requests and answers: one request at a time, its answer the worker's next message. */
function conversation(worker: Worker) {
  let pending: { resolve: (result: never) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure = error;
    pending?.reject(error);
    pending = undefined;
  };
  const ask = <T>(request: HelperRequest): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending = { resolve: resolve as (result: never) => void, reject };
      worker.postMessage(request);
    });
  };
  const answer = (result: unknown) => {
    pending?.resolve(result as never);
    pending = undefined;
  };
  return { ask, answer, fail };
}

function startHelper(options: HelperOptions): Promise<TrainingHelper> {
  // Functions cannot cross to a worker; the helper reports nothing anyway.
  const { onProgress: _onProgress, ...data } = options;
  const worker = new Worker(BOOT, { eval: true, workerData: data });
  const { ask, answer, fail } = conversation(worker);
  return new Promise((resolve, reject) => {
    worker.on('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.on('exit', (code) => fail(new Error(`gradient helper exited with code ${code}`)));
    worker.on('message', (message) => {
      if (message.ready) {
        resolve({
          compute: (weights, items, next) => ask<SliceResult>({ weights, items, next }),
          readHeldOut: (read) => ask<ReadSet[]>({ read }),
          async close() {
            fail(new Error('gradient helper closed'));
            await worker.terminate();
          },
        });
      } else if (message.ok) answer(message.result);
      else fail(new Error(`gradient helper: ${message.message}`));
    });
  });
}

export async function startHelpers(count: number, options: HelperOptions): Promise<TrainingHelper[]> {
  return Promise.all(Array.from({ length: count }, () => startHelper(options)));
}
