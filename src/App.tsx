import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { AboutPanel } from './components/AboutPanel';
import { DrawingPad } from './components/DrawingPad';
import { ExplorePanel } from './components/ExplorePanel';
import { HistoryPanel } from './components/HistoryPanel';
import { ModelPicker } from './components/ModelPicker';
import { ModelStatus } from './components/ModelStatus';
import { PadToolbar } from './components/PadToolbar';
import { PredictionPanel } from './components/PredictionPanel';
import { ProbabilityChart } from './components/ProbabilityChart';
import { UpdateBanner } from './components/UpdateBanner';
import { useAppUpdate } from './hooks/useAppUpdate';
import { useClassifier, useHandOver, type ModelState } from './hooks/useClassifier';
import { useAfterStroke, type InUse } from './hooks/modelInUse';
import { useAfterFirstAnswer } from './hooks/useAfterFirstAnswer';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts';
import { useModelChoice, type ModelChoice } from './hooks/useModelChoice';
import { useRecognition } from './hooks/useRecognition';
import { useShownDigit } from './hooks/useShownDigit';
import { answersThePad } from './recognition/recognise';
import { NO_VERDICT } from './recognition/verdict';
import { useStrokeHistory } from './hooks/useStrokeHistory';
import type { StrokeHistory } from './pad/strokeHistory';
import { useTeaching, type Teaching } from './hooks/useTeaching';
import { DEFAULT_DEVICE, detectInputDevice, type InputDevice } from './pad/padHint';
import type { InkShape } from './digit';
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
  readonly services: AppServices;
  readonly teaching: Teaching;
  readonly model: ModelState;
  readonly device: InputDevice;
  readonly choice: ModelChoice;
  readonly inUse: InUse;
  /** The model's input for the drawing after its last stroke, for the views that look further. */
  readonly input: Float32Array | null;
  /** What that drawing's shape says, which every model's verdict heeds. */
  readonly ink: InkShape;
  /** The panels' later parts may come (`useAfterFirstAnswer`). */
  readonly afterFirstAnswer: boolean;
}

function AppHeader(props: AppHeaderProps) {
  const { services, teaching, model, device, choice, inUse, input, ink, afterFirstAnswer } = props;
  const update = useAppUpdate(model.status === 'ready');
  return (
    <header className="app-header">
      <h1>digitpad</h1>
      <ModelPicker choice={choice} />
      <ExplorePanel {...{ services, choice, inUse, input, ink, afterFirstAnswer }} />
      <HistoryPanel
        {...{ afterFirstAnswer, history: teaching.saved, adaptation: teaching.adaptation }}
        modelId={teaching.modelId}
      />
      <AboutPanel
        backend={model.status === 'ready' ? model.backend : ''}
        mac={device.mac}
        afterFirstAnswer={afterFirstAnswer}
      />
      {update.available && <UpdateBanner onUpdate={update.apply} />}
    </header>
  );
}

/**
 * The model the page runs: the one chosen (`?model=`, the picker, this device's last choice),
 * loaded, with its catalog entry; `inUse` stays one object while neither changes.
 */
function useChosenModel(services: AppServices) {
  const choice = useModelChoice(services);
  const model = useClassifier(services, choice.requested);
  const ready = model.state.status === 'ready' ? model.state : null;
  const classifier = ready?.classifier ?? null;
  const entry = ready?.entry ?? choice.entry;
  const inUse = useMemo<InUse>(() => ({ entry, classifier }), [entry, classifier]);
  return { choice, model, ready, classifier, inUse };
}

interface PadAreaProps {
  readonly history: StrokeHistory;
  readonly dispatch: Parameters<typeof DrawingPad>[0]['dispatch'];
  readonly hintId: string;
  readonly chosen: ReturnType<typeof useChosenModel>;
}

/** The model's state sits with the pad: when it cannot read, the pad says so. */
function PadArea({ history, dispatch, hintId, chosen: { model, ready, choice, inUse } }: PadAreaProps) {
  return (
    <div className="pad-area">
      <DrawingPad history={history} dispatch={dispatch} describedBy={hintId} />
      <ModelStatus
        {...{ state: model.state, onRetry: model.retry, notice: choice.notice }}
        modelId={ready ? (inUse.entry?.id ?? '') : ''}
        loadingName={choice.entry?.name}
      />
    </div>
  );
}

/**
 * The pad read by the model in use, adapted and judged (`useTeaching`). `settled`: the answer
 * reads every finished stroke on the pad; `afterFirstAnswer`: a drawing has been answered, and
 * the page may fetch what that answer did not need.
 */
function useReading(chosen: ReturnType<typeof useChosenModel>, pad: ReturnType<typeof useStrokeHistory>) {
  const { model, classifier, inUse } = chosen;
  const { history, clear } = pad;
  const read = useRecognition(classifier, history, model.fail);
  useHandOver(classifier, read.strokes > 0);
  const teaching = useTeaching(classifier, history, read, clear, inUse.entry?.id ?? '');
  // Adapting keeps the strokes a recognition reads: the model's own count is the answer's.
  const settled = answersThePad(history, read);
  const afterFirstAnswer = useAfterFirstAnswer(classifier !== null && settled && read.strokes > 0);
  return { teaching, settled, afterFirstAnswer };
}

export function App({ services: given }: AppProps) {
  const [services] = useState(() => given ?? createAppServices(globalThis.window));
  const chosen = useChosenModel(services);
  const { choice, model, classifier, inUse } = chosen;
  const pad = useStrokeHistory();
  const { history, dispatch, undo, redo, clear, can } = pad;
  const { teaching, settled, afterFirstAnswer } = useReading(chosen, pad);
  const { recognition, judging } = teaching;
  useDiagnostics(services, classifier);
  const [shown, show] = useShownDigit(recognition);
  const looked = useAfterStroke(recognition.readings[shown] ?? null, settled);
  const [input, ink] = [looked?.input ?? null, looked?.ink ?? 'readable'];
  useKeyboardShortcuts({ undo, redo, clear });
  const hintId = useId();
  // The prerendered page and hydration use the default device, so the markup matches; the real
  // one is read right after (once: it does not change while the page is open).
  const device = useSyncExternalStore(noChanges, thisDevice, () => DEFAULT_DEVICE);

  return (
    <div className="app">
      <AppHeader
        {...{ services, teaching, device, choice, inUse, input, ink, afterFirstAnswer }}
        model={model.state}
      />
      {/* Grid areas place these per screen shape; the DOM order is the reading order. */}
      <main className="workspace">
        <PadArea {...{ history, dispatch, hintId, chosen }} />
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
