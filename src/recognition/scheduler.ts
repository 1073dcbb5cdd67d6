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

/** The scheduler's state machine; each method is one transition. */
class LatestWinsScheduler<Snapshot, Result> implements RecognitionScheduler<Snapshot> {
  private pending: { snapshot: Snapshot } | null = null;
  // True once the pending snapshot may start: its frame came, or it was given with `now`.
  private due = false;
  private frame: number | null = null;
  private inFlight: { discarded: boolean } | null = null;
  private disposed = false;

  constructor(private readonly options: SchedulerOptions<Snapshot, Result>) {}

  soon(snapshot: Snapshot) {
    this.pending = { snapshot };
    if (this.due || this.frame !== null || this.disposed) return;
    this.frame = this.options.requestFrame(() => {
      this.frame = null;
      this.due = true;
      this.startIfPossible();
    });
  }

  now(snapshot: Snapshot) {
    this.pending = { snapshot };
    this.cancelPendingFrame();
    this.due = true;
    this.startIfPossible();
  }

  discardInFlight() {
    if (this.inFlight !== null) this.inFlight.discarded = true;
  }

  dispose() {
    this.disposed = true;
    this.cancelPendingFrame();
    this.pending = null;
  }

  private cancelPendingFrame() {
    if (this.frame !== null) this.options.cancelFrame(this.frame);
    this.frame = null;
  }

  private startIfPossible() {
    if (this.disposed || this.inFlight !== null || !this.due || this.pending === null) return;
    const { snapshot } = this.pending;
    const job = { discarded: false };
    const live = () => !this.disposed && !job.discarded;
    this.pending = null;
    this.due = false;
    this.inFlight = job;
    this.options
      .run(snapshot)
      .then(
        (result) => live() && this.options.onResult(result),
        (error: unknown) => live() && this.options.onError(error),
      )
      .finally(() => {
        this.inFlight = null;
        this.startIfPossible();
      });
  }
}

export function createRecognitionScheduler<Snapshot, Result>(
  options: SchedulerOptions<Snapshot, Result>,
): RecognitionScheduler<Snapshot> {
  return new LatestWinsScheduler(options);
}
