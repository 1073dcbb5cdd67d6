import { useCallback, useEffect, useMemo, useState } from 'react';
import { backendsFromQuery, type BackendName } from '../model/backendChoice';
import { createClassifier, type Classifier } from '../model/classifier';
import { downloads } from '../model/downloadProgress';
import { explainFailure, type FailureExplanation } from '../model/failureExplanation';
import { setDiagnosticsClassifier } from '../diagnostics';

export type ModelState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly classifier: Classifier; readonly backend: BackendName }
  | { readonly status: 'error'; readonly failure: FailureExplanation };

/** Relative to the app's base, so the page works from any sub-path of a static host. */
const MODEL_PATH = `${import.meta.env.BASE_URL}models/cnn/model.json`;

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

export function useClassifier(): ClassifierHandle {
  const [state, setState] = useState<ModelState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // False once this attempt is superseded by a retry or the page goes away.
    let current = true;
    let loaded: Classifier | null = null;
    createClassifier({
      modelUrl: new URL(MODEL_PATH, document.baseURI).href,
      backends: backendsFromQuery(window.location.search),
      // Through the tracker, so the progress bar counts the model's bytes.
      fetchFile: downloads.fetch,
      onBackendChange: (backend) => {
        if (current)
          setState((previous) => (previous.status === 'ready' ? { ...previous, backend } : previous));
      },
    }).then(
      (classifier) => {
        if (!current) {
          classifier.dispose();
          return;
        }
        loaded = classifier;
        setDiagnosticsClassifier(classifier);
        setState({ status: 'ready', classifier, backend: classifier.backend });
      },
      (error: unknown) => {
        if (current) setState(failed(error));
      },
    );
    return () => {
      current = false;
      if (loaded) setDiagnosticsClassifier(null);
      loaded?.dispose();
    };
  }, [attempt]);

  const retry = useCallback(() => {
    downloads.reset();
    setState({ status: 'loading' });
    setAttempt((previous) => previous + 1);
  }, []);
  const fail = useCallback((error: unknown) => setState(failed(error)), []);
  return useMemo(() => ({ state, retry, fail }), [state, retry, fail]);
}
