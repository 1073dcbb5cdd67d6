import { useEffect, useRef } from 'react';
import type { ModelState } from '../hooks/useClassifier';
import { useDownloadProgress } from '../hooks/useDownloadProgress';
import { describeProgress } from '../model/downloadProgress';

interface ModelStatusProps {
  readonly state: ModelState;
  readonly onRetry: () => void;
}

function LoadingProgress() {
  const progress = useDownloadProgress();
  const known = progress.total !== null && progress.total > 0;
  return (
    <span className="status-text" role="status">
      <span>Getting the recogniser ready… {describeProgress(progress)}</span>
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

export function ModelStatus({ state, onRetry }: ModelStatusProps) {
  const retryRef = useRef<HTMLButtonElement>(null);
  const failed = state.status === 'error';
  // The way forward takes focus: a keyboard or screen-reader user lands on Retry.
  useEffect(() => {
    if (failed) retryRef.current?.focus();
  }, [failed]);

  return (
    <div className="model-status" data-testid="model-status" data-state={state.status}>
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
        <LoadingProgress />
      ) : (
        <span className="status-text" role="status">
          Ready
        </span>
      )}
    </div>
  );
}
