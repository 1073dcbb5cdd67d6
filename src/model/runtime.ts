import {
  initialiseTfjsBackend,
  prepareTfjsBackend,
  type BackendInitialiser,
  type BackendPreparer,
} from './tfjsBackends';

/**
 * The page's one TensorFlow.js runtime. tfjs has a single active backend per page, so everything
 * that starts, switches or builds on a backend (the classifier, a retry, React's development
 * double mount, later a learner) takes turns through `exclusively`: their `setBackend` calls never
 * interleave. Created once by the app and handed to whoever needs it, so tests get their own.
 */
export interface TfRuntime {
  /** Runs `task` after every task given before it has settled. */
  exclusively<T>(task: () => Promise<T>): Promise<T>;
  /** Makes a backend the active one (a stand-in in tests). */
  readonly initialiseBackend: BackendInitialiser;
  /**
   * Downloads (and compiles) a backend without making it the active one, outside the lock: the
   * backend in use keeps working meanwhile (a stand-in in tests).
   */
  readonly prepareBackend: BackendPreparer;
}

export function createTfRuntime(
  initialiseBackend: BackendInitialiser = initialiseTfjsBackend,
  prepareBackend: BackendPreparer = prepareTfjsBackend,
): TfRuntime {
  let turn: Promise<unknown> = Promise.resolve();
  return {
    initialiseBackend,
    prepareBackend,
    exclusively(task) {
      const result = turn.then(task);
      turn = result.catch(() => undefined);
      return result;
    },
  };
}
