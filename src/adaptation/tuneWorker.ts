/**
 * The Web Worker that fits the output layer to the person's drawings (`fitOutputLayer`), off the
 * main thread: its work grows with the square of the drawings kept, and the page must never stop
 * answering while it runs. The page sends one request at a time, the newest drawings, and the
 * next only once this one is answered (`createTuner` in `tuner.ts`).
 */
import { fitOutputLayer, type TuningExample } from './outputLayer';

export interface TuneRequest {
  /** Grows with every request: a reply names the request it answers. */
  readonly id: number;
  readonly examples: readonly TuningExample[];
}

export type TuneReply =
  | { readonly id: number; readonly coefficients: Float64Array; readonly scale: number }
  | { readonly id: number; readonly error: string };

/** The reply to one request: the fit, or what went wrong in plain words. */
export function answer(request: TuneRequest): TuneReply {
  try {
    return { id: request.id, ...fitOutputLayer(request.examples) };
  } catch (error) {
    return { id: request.id, error: `could not fit the output layer: ${(error as Error).message}` };
  }
}

// In a worker there is a `self` but no `window`; under the test runner this module is only imported.
if (typeof window === 'undefined' && typeof self !== 'undefined') {
  self.addEventListener('message', (event: MessageEvent<TuneRequest>) => {
    const reply = answer(event.data);
    self.postMessage(reply, { transfer: 'coefficients' in reply ? [reply.coefficients.buffer] : [] });
  });
}
