import { useId } from 'react';
import { DrawingPad } from './components/DrawingPad';
import { ModelStatus } from './components/ModelStatus';
import { PadToolbar } from './components/PadToolbar';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { useClassifier } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { useStrokeHistory } from './hooks/useStrokeHistory';

export function App() {
  const model = useClassifier();
  const { history, dispatch, undo, redo, clear, can } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const recognition = useRecognition(classifier, history, model.fail);
  useKeyboardShortcuts({ undo, redo, clear });
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
        <PadToolbar undo={undo} redo={redo} clear={clear} can={can} hintId={hintId} />
        <ProbabilityChart probabilities={recognition.probabilities} />
      </main>
    </div>
  );
}
