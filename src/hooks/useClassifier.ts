import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BackendName } from '../model/backendChoice';
import type { CatalogEntry } from '../model/catalog';
import { createClassifier, type Classifier } from '../model/classifier';
import { createDownloadTracker, downloads, type DownloadTracker } from '../model/downloadProgress';
import { explainFailure, type FailureExplanation } from '../model/failureExplanation';
import type { AppServices } from '../services';

export type ModelState =
  | {
      readonly status: 'loading';
      /** Counts what this load downloads: the page's first load counts the runtime too. */
      readonly progress?: DownloadTracker;
      /** Another model replaces the one the page had: the status names it. */
      readonly switching?: boolean;
    }
  | {
      readonly status: 'ready';
      readonly classifier: Classifier;
      readonly backend: BackendName;
      /** The catalog entry of the model that runs (null from a source that names none). */
      readonly entry?: CatalogEntry | null;
    }
  | { readonly status: 'error'; readonly failure: FailureExplanation };

const failed = (error: unknown): ModelState => ({
  status: 'error',
  failure: explainFailure(error, navigator.onLine),
});

export interface ClassifierHandle {
  readonly state: ModelState;
  /** Loads the model again from scratch. */
  readonly retry: () => void;
  /** The classifier failed while in use (no backend left): show it as a model error. */
  readonly fail: (error: unknown) => void;
}

/** One load: a model asked for (null: the default), at one attempt, with what counts its bytes. */
interface Load {
  readonly model: string | null;
  readonly attempt: number;
  readonly progress: DownloadTracker;
  /** The page's first load: it answers on the first-answer backend and takes the prefetch. */
  readonly first: boolean;
}

function startLoad(services: AppServices, load: Load, onBackendChange: (b: BackendName) => void) {
  let entry: CatalogEntry | null = null;
  // The first load goes through the page's own tracker, so it takes the prefetched download.
  const source = services.modelFor(load.model, load.first ? undefined : load.progress.fetch);
  const classifier = createClassifier({
    source: async () => {
      const chosen = await source();
      entry = chosen.entry;
      return chosen;
    },
    runtime: services.runtime,
    backends: services.backends,
    // The first load answers on the backend with least to download, then hands over
    // (`useHandOver`); a model chosen later starts where the page runs by then.
    firstAnswerOn: load.first ? services.firstAnswerOn : undefined,
    onBackendChange,
  });
  return classifier.then((ready) => ({ classifier: ready, entry }));
}

/** Counts a later model's own files; the page's first load counts the runtime with its model. */
const trackerFor = (first: boolean) => (first ? downloads : createDownloadTracker(downloads.fetch));

/** The load the page wants now: a new one when another model is asked for, or on Retry. */
function useLoad(model: string | null) {
  const [load, setLoad] = useState<Load>(() => ({ model, attempt: 0, first: true, progress: downloads }));
  // Another model asked for: the page's first load is over, whatever became of it.
  if (load.model !== model)
    setLoad({ model, attempt: load.attempt, first: false, progress: trackerFor(false) });
  const again = useCallback(
    () =>
      setLoad((previous) => ({
        ...previous,
        attempt: previous.attempt + 1,
        progress: trackerFor(previous.first),
      })),
    [],
  );
  return [load.model === model ? load : null, again] as const;
}

/**
 * The chosen model (`model`: a catalog id, null for the default) on the best backend, loaded once
 * per choice and attempt, and disposed when another replaces it. The drawing stays; the new
 * model reads it once ready.
 */
export function useClassifier(services: AppServices, model: string | null = null): ClassifierHandle {
  const [load, again] = useLoad(model);
  const [settled, setSettled] = useState<{ load: Load; state: ModelState } | null>(null);

  useEffect(() => {
    if (load === null) return;
    // False once this load is superseded (a retry, another model) or the page goes away.
    let current = true;
    let loaded: Classifier | null = null;
    const onBackendChange = (backend: BackendName) => {
      if (current)
        setSettled((previous) =>
          previous?.state.status === 'ready' ? { load, state: { ...previous.state, backend } } : previous,
        );
    };
    startLoad(services, load, onBackendChange).then(
      ({ classifier, entry }) => {
        if (!current) return classifier.dispose();
        loaded = classifier;
        setSettled({ load, state: { status: 'ready', classifier, backend: classifier.backend, entry } });
      },
      (error: unknown) => {
        if (current) setSettled({ load, state: failed(error) });
      },
    );
    return () => {
      current = false;
      loaded?.dispose();
    };
  }, [load, services]);

  return useHandle(services, load, settled, again, setSettled);
}

type Settled = { load: Load; state: ModelState } | null;

/** What the app sees of the load: its state, Retry, and a way to report a failure in use. */
function useHandle(
  services: AppServices,
  load: Load | null,
  settled: Settled,
  again: () => void,
  setSettled: (change: (previous: Settled) => Settled) => void,
): ClassifierHandle {
  const retry = useCallback(() => {
    services.startOver();
    again();
  }, [services, again]);
  const fail = useCallback(
    (error: unknown) => setSettled((previous) => previous && { load: previous.load, state: failed(error) }),
    [setSettled],
  );
  const state = useMemo<ModelState>(
    () =>
      settled !== null && settled.load === load
        ? settled.state
        : { status: 'loading', progress: load?.progress, switching: load !== null && !load.first },
    [settled, load],
  );
  return useMemo(() => ({ state, retry, fail }), [state, retry, fail]);
}

/**
 * Once the page has shown its first answer, the classifier moves from the backend that gave it
 * to the best one (`Classifier.handOver`). Not sooner: on a first visit the best backend's
 * download would share the network with what the first answer needs.
 */
export function useHandOver(classifier: Classifier | null, answered: boolean): void {
  useEffect(() => {
    if (!answered || classifier === null) return;
    // A task later: the answer is in the page before the first byte of the hand-over is asked for.
    const later = setTimeout(() => void classifier.handOver(), 0);
    return () => clearTimeout(later);
  }, [classifier, answered]);
}
