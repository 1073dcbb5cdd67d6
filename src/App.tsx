import { useEffect, useId, useState } from 'react';
import { DrawingPad } from './components/DrawingPad';
import { ModelStatus } from './components/ModelStatus';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { useClassifier } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { useStrokeHistory } from './hooks/useStrokeHistory';
import { createAppServices, type AppServices } from './services';

interface AppProps {
  /** The page's runtime, models and diagnostics; made here when not given (tests). */
  readonly services?: AppServices;
}

export function App({ services: given }: AppProps) {
  const [services] = useState(() => given ?? createAppServices(window));
  const model = useClassifier(services);
  const { history, dispatch, undo, clear } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const recognition = useRecognition(classifier, history, model.fail);
  // The classifier in use is what `window.__digitpad` measures.
  useEffect(() => {
    services.diagnostics.attach(classifier);
    return () => services.diagnostics.attach(null);
  }, [services, classifier]);
  useKeyboardShortcuts(undo, clear);
  const hintId = useId();

  return (
    <div className="app">
      <header className="app-header">
        <h1>digitpad</h1>
        <ModelStatus state={model.state} onRetry={model.retry} />
      </header>
      {/* Grid areas place these per screen shape; the DOM order is the reading order. */}
      <main className="workspace">
        <DrawingPad history={history} dispatch={dispatch} describedBy={hintId} />
        <PredictionPanel recognition={recognition} drawing={history.active !== null} />
        <div className="toolbar">
          <button type="button" onClick={undo}>
            Undo
          </button>
          <button type="button" onClick={clear}>
            Clear
          </button>
          <p id={hintId} className="hint">
            Draw one digit, 0 to 9. Ctrl+Z undoes, Esc clears. Nothing leaves your device.
          </p>
        </div>
        <ProbabilityChart probabilities={recognition.readings[0]?.probabilities ?? null} />
      </main>
    </div>
  );
}
