import { useEffect, useRef } from 'react';
import type { ModelState } from '../hooks/useClassifier';
import { useDownloadProgress } from '../hooks/useDownloadProgress';
import { describeProgress, type DownloadTracker } from '../model/downloadProgress';

interface ModelStatusProps {
  readonly state: ModelState;
  readonly onRetry: () => void;
  /** The catalog id of the model in use (`data-model`), or '' while not known. */
  readonly modelId?: string;
  /** The name of the model being loaded, when one was chosen after the page's first. */
  readonly loadingName?: string;
  /** A word about the choice of model (a link named one that is not here). */
  readonly notice?: string | null;
}

interface LoadingProgressProps {
  readonly tracker?: DownloadTracker;
  readonly name?: string;
}

/** The page's first load counts the runtime with the model; a model chosen later counts its own files. */
function LoadingProgress({ tracker, name }: LoadingProgressProps) {
  const progress = useDownloadProgress(tracker);
  const known = progress.total !== null && progress.total > 0;
  return (
    <span className="status-text" role="status">
      <span>
        {name ? `Loading ${name}…` : 'Getting the recogniser ready…'} {describeProgress(progress)}
      </span>
      {/* Without a value the bar is indeterminate: sizes not known yet. */}
      <progress
        className="download-progress"
        aria-label="Downloading the recogniser"
        max={known ? (progress.total ?? 1) : undefined}
        value={known ? progress.loaded : undefined}
      />
    </span>
  );
}

export function ModelStatus({ state, onRetry, modelId = '', loadingName, notice }: ModelStatusProps) {
  const retryRef = useRef<HTMLButtonElement>(null);
  const failed = state.status === 'error';
  // The way forward takes focus: a keyboard or screen-reader user lands on Retry.
  useEffect(() => {
    if (failed) retryRef.current?.focus();
  }, [failed]);

  return (
    <div className="model-status" data-testid="model-status" data-state={state.status} data-model={modelId}>
      {state.status === 'error' ? (
        <div className="model-error" role="alert">
          <p className="model-error-reason">
            <strong>{state.failure.headline}</strong> {state.failure.reason}
          </p>
          <details className="model-error-detail">
            <summary>Technical detail</summary>
            <code>{state.failure.detail}</code>
          </details>
          <button type="button" ref={retryRef} onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : state.status === 'loading' ? (
        <LoadingProgress tracker={state.progress} name={state.switching ? loadingName : undefined} />
      ) : (
        <span className="status-text" role="status">
          {notice ?? 'Ready'}
        </span>
      )}
    </div>
  );
}
