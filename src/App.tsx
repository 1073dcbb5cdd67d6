import { useId } from 'react';
import { DrawingPad } from './components/DrawingPad';
import { ModelStatus } from './components/ModelStatus';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { UpdateBanner } from './components/UpdateBanner';
import { useAppUpdate } from './hooks/useAppUpdate';
import { useClassifier } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { useStrokeHistory } from './hooks/useStrokeHistory';

export function App() {
  const model = useClassifier();
  const { history, dispatch, undo, clear } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const recognition = useRecognition(classifier, history, model.fail);
  useKeyboardShortcuts(undo, clear);
  const update = useAppUpdate(model.state.status === 'ready');
  const hintId = useId();

  return (
    <div className="app">
      <header className="app-header">
        <h1>digitpad</h1>
        {update.available && <UpdateBanner onUpdate={update.apply} />}
      </header>
      {/* Grid areas place these per screen shape; the DOM order is the reading order. */}
      <main className="workspace">
        {/* The model's state sits with the pad: when it cannot read, the pad says so. */}
        <div className="pad-area">
          <DrawingPad history={history} dispatch={dispatch} describedBy={hintId} />
          <ModelStatus state={model.state} onRetry={model.retry} />
        </div>
        <PredictionPanel
          recognition={recognition}
          drawing={history.active !== null}
          unavailable={model.state.status === 'error'}
        />
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
        <ProbabilityChart probabilities={recognition.probabilities} />
      </main>
    </div>
  );
}
