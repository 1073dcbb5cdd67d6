import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BackendName } from '../model/backendChoice';
import { createClassifier, type Classifier } from '../model/classifier';
import { explainFailure, type FailureExplanation } from '../model/failureExplanation';
import type { AppServices } from '../services';

export type ModelState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly classifier: Classifier; readonly backend: BackendName }
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

/** The catalog's default model on the best backend, loaded once per attempt and disposed with it. */
export function useClassifier(services: AppServices): ClassifierHandle {
  const [state, setState] = useState<ModelState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // False once this attempt is superseded by a retry or the page goes away.
    let current = true;
    let loaded: Classifier | null = null;
    createClassifier({
      source: services.defaultModel,
      runtime: services.runtime,
      backends: services.backends,
      // Answers on the backend with least to download, then hands over (`useHandOver`).
      firstAnswerOn: services.firstAnswerOn,
      onBackendChange: (backend) => {
        if (current)
          setState((previous) => (previous.status === 'ready' ? { ...previous, backend } : previous));
      },
    }).then(
      (classifier) => {
        if (!current) return classifier.dispose();
        loaded = classifier;
        setState({ status: 'ready', classifier, backend: classifier.backend });
      },
      (error: unknown) => {
        if (current) setState(failed(error));
      },
    );
    return () => {
      current = false;
      loaded?.dispose();
    };
  }, [attempt, services]);

  const retry = useCallback(() => {
    services.startOver();
    setState({ status: 'loading' });
    setAttempt((previous) => previous + 1);
  }, [services]);
  const fail = useCallback((error: unknown) => setState(failed(error)), []);
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
