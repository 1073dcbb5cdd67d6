import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { AboutPanel } from './components/AboutPanel';
import { DrawingPad } from './components/DrawingPad';
import { HistoryPanel } from './components/HistoryPanel';
import { ModelStatus } from './components/ModelStatus';
import { PadToolbar } from './components/PadToolbar';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { UpdateBanner } from './components/UpdateBanner';
import { useAppUpdate } from './hooks/useAppUpdate';
import { useClassifier, useHandOver, type ModelState } from './hooks/useClassifier';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useRecognition } from './hooks/useRecognition';
import { useShownDigit } from './hooks/useShownDigit';
import { NO_VERDICT } from './recognition/verdict';
import { useStrokeHistory } from './hooks/useStrokeHistory';
import { useTeaching, type Teaching } from './hooks/useTeaching';
import { DEFAULT_DEVICE, detectInputDevice, type InputDevice } from './pad/padHint';
import type { Classifier } from './model/classifier';
import { createAppServices, type AppServices } from './services';

let detectedDevice: InputDevice | null = null;
const thisDevice = () => (detectedDevice ??= detectInputDevice(window));
const noChanges = () => () => {};

interface AppProps {
  /** The page's runtime, models and diagnostics; made here when not given (tests). */
  readonly services?: AppServices;
}

/** The classifier in use is what `window.__digitpad` measures. */
function useDiagnostics(services: AppServices, classifier: Classifier | null) {
  useEffect(() => {
    services.diagnostics.attach(classifier);
    return () => services.diagnostics.attach(null);
  }, [services, classifier]);
}

interface AppHeaderProps {
  readonly teaching: Teaching;
  readonly model: ModelState;
  readonly device: InputDevice;
}

function AppHeader({ teaching, model, device }: AppHeaderProps) {
  const update = useAppUpdate(model.status === 'ready');
  return (
    <header className="app-header">
      <h1>digitpad</h1>
      <HistoryPanel history={teaching.saved} adaptation={teaching.adaptation} modelId={teaching.modelId} />
      <AboutPanel backend={model.status === 'ready' ? model.backend : ''} mac={device.mac} />
      {update.available && <UpdateBanner onUpdate={update.apply} />}
    </header>
  );
}

export function App({ services: given }: AppProps) {
  const [services] = useState(() => given ?? createAppServices(globalThis.window));
  const model = useClassifier(services);
  const { history, dispatch, undo, redo, clear, can } = useStrokeHistory();
  const classifier = model.state.status === 'ready' ? model.state.classifier : null;
  const read = useRecognition(classifier, history, model.fail);
  useHandOver(classifier, read.strokes > 0);
  const teaching = useTeaching(services, classifier, history, read, clear);
  const { recognition, judging } = teaching;
  useDiagnostics(services, classifier);
  const [shown, show] = useShownDigit(recognition);
  useKeyboardShortcuts({ undo, redo, clear });
  const hintId = useId();
  // The prerendered page and hydration use the default device, so the markup matches; the real
  // one is read right after (once: it does not change while the page is open).
  const device = useSyncExternalStore(noChanges, thisDevice, () => DEFAULT_DEVICE);

  return (
    <div className="app">
      <AppHeader teaching={teaching} model={model.state} device={device} />
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
          shown={shown}
          onShow={show}
        />
        <PadToolbar {...{ undo, redo, clear, can, hintId, device }} correct={judging} />
        <ProbabilityChart
          verdict={(shown >= 0 ? recognition.readings[shown]?.verdict : undefined) ?? NO_VERDICT}
          onChoose={judging.can ? judging.judge : undefined}
        />
      </main>
    </div>
  );
}
