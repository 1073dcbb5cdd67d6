import { useEffect, useId, useMemo, useState } from 'react';
import { AboutPanel } from './components/AboutPanel';
import { DrawingPad } from './components/DrawingPad';
import { ModelStatus } from './components/ModelStatus';
import { PadToolbar } from './components/PadToolbar';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { useClassifier } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { useStrokeHistory } from './hooks/useStrokeHistory';
import { detectInputDevice } from './pad/padHint';
import { createAppServices, type AppServices } from './services';

interface AppProps {
  /** The page's runtime, models and diagnostics; made here when not given (tests). */
  readonly services?: AppServices;
}

export function App({ services: given }: AppProps) {
  const [services] = useState(() => given ?? createAppServices(window));
  const model = useClassifier(services);
  const { history, dispatch, undo, redo, clear, can } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const recognition = useRecognition(classifier, history, model.fail);
  // The classifier in use is what `window.__digitpad` measures.
  useEffect(() => {
    services.diagnostics.attach(classifier);
    return () => services.diagnostics.attach(null);
  }, [services, classifier]);
  useKeyboardShortcuts({ undo, redo, clear });
  const hintId = useId();
  // The device does not change while the page is open; reading it once is enough.
  const device = useMemo(() => detectInputDevice(window), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>digitpad</h1>
        <ModelStatus state={model.state} onRetry={model.retry} />
        <AboutPanel backend={model.state.status === 'ready' ? model.state.backend : ''} mac={device.mac} />
      </header>
      {/* Grid areas place these per screen shape; the DOM order is the reading order. */}
      <main className="workspace">
        <DrawingPad history={history} dispatch={dispatch} describedBy={hintId} />
        <PredictionPanel recognition={recognition} drawing={history.active !== null} />
        <PadToolbar undo={undo} redo={redo} clear={clear} can={can} hintId={hintId} device={device} />
        <ProbabilityChart probabilities={recognition.readings[0]?.probabilities ?? null} />
      </main>
    </div>
  );
}
