/**
 * Runs `run` on the latest value pushed, one run at a time: a value pushed while a run is in
 * flight waits for it, and only the newest of those waiting is run. The views that read the
 * drawing through extra models (compare, look inside) use it so they never queue up work behind
 * a person drawing faster than the models answer.
 */
export interface LatestRunner<T> {
  push(value: T): void;
  /** No run starts afterwards; the one in flight finishes and its result is dropped. */
  dispose(): void;
}

export function createLatestRunner<T, R>(
  run: (value: T) => Promise<R>,
  onResult: (result: R, value: T) => void,
  onError: (error: unknown) => void,
): LatestRunner<T> {
  let waiting: { value: T } | null = null;
  let running = false;
  let disposed = false;
  const next = async () => {
    running = true;
    while (waiting !== null && !disposed) {
      const { value } = waiting;
      waiting = null;
      try {
        const result = await run(value);
        if (!disposed) onResult(result, value);
      } catch (error) {
        if (!disposed) onError(error);
      }
    }
    running = false;
  };
  return {
    push(value) {
      waiting = { value };
      if (!running) void next();
    },
    dispose() {
      disposed = true;
      waiting = null;
    },
  };
}
