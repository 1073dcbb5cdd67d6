/**
 * Decides when recognition runs, knowing nothing of strokes or models. Guarantees:
 * - never more than one run in flight;
 * - the latest snapshot wins: snapshots that arrive while a run is busy replace each other, and
 *   only the last is run next;
 * - `soon` (during a stroke) starts at most one run per animation frame;
 * - `now` (a stroke ended, undo, clear) starts as soon as nothing is in flight;
 * - so once input stops, the last snapshot given is the last one run, and its result the last shown.
 */
export interface SchedulerOptions<Snapshot, Result> {
  run: (snapshot: Snapshot) => Promise<Result>;
  onResult: (result: Result) => void;
  onError: (error: unknown) => void;
  requestFrame: (callback: () => void) => number;
  cancelFrame: (handle: number) => void;
}

export interface RecognitionScheduler<Snapshot> {
  /** During a stroke: run this at the next animation frame, or when the run in flight ends, whichever is later. */
  soon(snapshot: Snapshot): void;
  /** After a stroke, undo or clear: run this as soon as nothing is in flight. */
  now(snapshot: Snapshot): void;
  /** Ink was removed: the run in flight describes a drawing that is gone, so its result is dropped. */
  discardInFlight(): void;
  /** Stops everything; no callback fires afterwards. */
  dispose(): void;
}

export function createRecognitionScheduler<Snapshot, Result>(
  options: SchedulerOptions<Snapshot, Result>,
): RecognitionScheduler<Snapshot> {
  const { run, onResult, onError, requestFrame, cancelFrame } = options;
  let pending: { snapshot: Snapshot } | null = null;
  // True once the pending snapshot may start: its frame came, or it was given with `now`.
  let due = false;
  let frame: number | null = null;
  let inFlight: { discarded: boolean } | null = null;
  let disposed = false;

  function cancelPendingFrame() {
    if (frame !== null) cancelFrame(frame);
    frame = null;
  }

  function startIfPossible() {
    if (disposed || inFlight !== null || !due || pending === null) return;
    const { snapshot } = pending;
    const job = { discarded: false };
    pending = null;
    due = false;
    inFlight = job;
    run(snapshot)
      .then(
        (result) => {
          if (!disposed && !job.discarded) onResult(result);
        },
        (error: unknown) => {
          if (!disposed && !job.discarded) onError(error);
        },
      )
      .finally(() => {
        inFlight = null;
        startIfPossible();
      });
  }

  return {
    soon(snapshot) {
      pending = { snapshot };
      if (due || frame !== null || disposed) return;
      frame = requestFrame(() => {
        frame = null;
        due = true;
        startIfPossible();
      });
    },
    now(snapshot) {
      pending = { snapshot };
      cancelPendingFrame();
      due = true;
      startIfPossible();
    },
    discardInFlight() {
      if (inFlight !== null) inFlight.discarded = true;
    },
    dispose() {
      disposed = true;
      cancelPendingFrame();
      pending = null;
    },
  };
}
