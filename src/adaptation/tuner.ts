/**
 * Keeps the output layer fitted to the person's drawings, in a Web Worker (`tuneWorker.ts`): one
 * fit at a time, the newest drawings next, a fit made before "Forget my handwriting" never
 * delivered after it. No React: `hooks/useAdaptation.ts` holds one.
 */
import type { OutputLayerFit, TuningExample } from './outputLayer';
import type { TuneReply, TuneRequest } from './tuneWorker';

/**
 * A fit, with the features of the drawings it was fitted on (`tunedOutputs` needs them), and the
 * memory's vote weight chosen for the person on the same drawings (`personalWeight`).
 */
export interface FittedLayer {
  readonly fit: OutputLayerFit;
  readonly exampleFeatures: readonly Float32Array[];
  readonly voteWeight: number;
}

/**
 * The layer learns from the newest this many drawings, and the vote's weight is chosen on them;
 * the memory votes with all of them. Fitting grows with the square of the drawings: 200 take
 * under half a second in Node on this machine, 1,000 ten seconds. 20 drawings of each digit show
 * the layer a person's ways of writing it; the memory, which costs little per drawing, keeps
 * every one.
 */
export const MAX_TUNED_DRAWINGS = 200;

export interface Tuner {
  /**
   * Fit to these drawings, newest first (the fit before stays in use until this one is done; only
   * the first MAX_TUNED_DRAWINGS count); none: forget the fit.
   */
  request(examples: readonly TuningExample[]): void;
  stop(): void;
}

/** What the tuner needs of a Worker: a fake in the unit tests. */
export interface TuneWorker {
  postMessage(request: TuneRequest): void;
  onmessage: ((event: MessageEvent<TuneReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

const startWorker = (): TuneWorker =>
  new Worker(new URL('./tuneWorker.ts', import.meta.url), { type: 'module', name: 'digitpad-tuning' });

/**
 * A tuner that hands each finished fit to `onFit` (null: forgotten). Null where the browser has
 * no Web Workers: the memory alone then adapts the answers.
 */
export function createTuner(
  onFit: (fitted: FittedLayer | null) => void,
  start: () => TuneWorker = startWorker,
): Tuner | null {
  if (start === startWorker && typeof Worker === 'undefined') return null;
  const worker = start();
  let nextId = 0;
  let fitting: { id: number; examples: readonly TuningExample[] } | null = null;
  let waiting: readonly TuningExample[] | null = null;
  const send = (examples: readonly TuningExample[]) => {
    fitting = { id: ++nextId, examples };
    worker.postMessage({ id: fitting.id, examples });
  };
  worker.onmessage = ({ data: reply }) => {
    const fitted = fitting?.id === reply.id ? fitting.examples : null; // null: forgotten meanwhile
    fitting = null;
    if ('error' in reply) console.error(reply.error);
    else if (fitted)
      onFit({ fit: reply, exampleFeatures: fitted.map((e) => e.features), voteWeight: reply.voteWeight });
    if (waiting) send(waiting);
    waiting = null;
  };
  worker.onerror = (event) => {
    // The memory goes on adapting alone; a later drawing tries again.
    console.error('The adaptation worker failed:', event.message);
    fitting = null;
  };
  return {
    request(examples) {
      if (examples.length === 0) {
        waiting = null;
        fitting = fitting && { ...fitting, id: -1 }; // its reply is dropped
        onFit(null);
      } else if (fitting) waiting = examples.slice(0, MAX_TUNED_DRAWINGS);
      else send(examples.slice(0, MAX_TUNED_DRAWINGS));
    },
    stop: () => worker.terminate(),
  };
}
