import type { ModelState } from '../hooks/useClassifier';

interface ModelStatusProps {
  readonly state: ModelState;
  readonly onRetry: () => void;
}

export function ModelStatus({ state, onRetry }: ModelStatusProps) {
  return (
    <div className="model-status" data-testid="model-status" data-state={state.status}>
      {state.status === 'error' ? (
        <div className="model-error" role="alert">
          <span>{state.message}</span>
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : (
        <span className="status-text" role="status">
          {state.status === 'loading' ? 'Loading the model…' : 'Model ready'}
        </span>
      )}
    </div>
  );
}
