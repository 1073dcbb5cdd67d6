import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { AboutPanel } from './components/AboutPanel';
import { DrawingPad } from './components/DrawingPad';
import { ModelStatus } from './components/ModelStatus';
import { PadToolbar } from './components/PadToolbar';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { UpdateBanner } from './components/UpdateBanner';
import { useAppUpdate } from './hooks/useAppUpdate';
import { useClassifier, useHandOver } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { NO_VERDICT } from './recognition/verdict';
import { useStrokeHistory } from './hooks/useStrokeHistory';
import { DEFAULT_DEVICE, detectInputDevice, type InputDevice } from './pad/padHint';
import { createAppServices, type AppServices } from './services';

let detectedDevice: InputDevice | null = null;
const thisDevice = () => (detectedDevice ??= detectInputDevice(window));
const noChanges = () => () => {};

interface AppProps {
  /** The page's runtime, models and diagnostics; made here when not given (tests). */
  readonly services?: AppServices;
}

export function App({ services: given }: AppProps) {
  const [services] = useState(() => given ?? createAppServices(globalThis.window));
  const model = useClassifier(services);
  const { history, dispatch, undo, redo, clear, can } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const recognition = useRecognition(classifier, history, model.fail);
  useHandOver(classifier, recognition.strokes > 0);
  // The classifier in use is what `window.__digitpad` measures.
  useEffect(() => {
    services.diagnostics.attach(classifier);
    return () => services.diagnostics.attach(null);
  }, [services, classifier]);
  useKeyboardShortcuts({ undo, redo, clear });
  const update = useAppUpdate(model.state.status === 'ready');
  const hintId = useId();
  // The prerendered page and hydration use the default device, so the markup matches; the real
  // one is read right after (once: it does not change while the page is open).
  const device = useSyncExternalStore(noChanges, thisDevice, () => DEFAULT_DEVICE);

  return (
    <div className="app">
      <header className="app-header">
        <h1>digitpad</h1>
        <AboutPanel backend={model.state.status === 'ready' ? model.state.backend : ''} mac={device.mac} />
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
        <PadToolbar undo={undo} redo={redo} clear={clear} can={can} hintId={hintId} device={device} />
        <ProbabilityChart verdict={recognition.readings.at(0)?.verdict ?? NO_VERDICT} />
      </main>
    </div>
  );
}
