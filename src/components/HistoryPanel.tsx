import { useMemo, useState } from 'react';
import { scoreOf } from '../history/score';
import type { Adaptation } from '../hooks/useAdaptation';
import type { DrawingHistory, Keeping } from '../hooks/useDrawingHistory';
import { HistoryList } from './HistoryList';
import { AdaptControls, ExchangeButtons } from './HistoryTools';
import { ScoreBadge, ScoreDetails } from './ScoreBoard';

const KEEPING_NOTES: Record<Keeping, string> = {
  opening: '',
  kept: 'Kept on this device only; nothing is sent anywhere.',
  unavailable:
    'This browser is not keeping the history (private mode or storage refused): it lasts until you close the page.',
  full: 'The storage on this device is full: new drawings are not being kept after this visit. Those already kept are safe.',
};

interface HistoryPanelProps {
  readonly history: DrawingHistory;
  readonly adaptation: Adaptation;
  readonly modelId: string;
}

/** The score, the saved drawings and what to do with them, behind one "History" button in the header. */
export function HistoryPanel({ history, adaptation, modelId }: HistoryPanelProps) {
  // The visit starts when the page opens; drawings saved from then on count as this visit's.
  const [visitStart] = useState(() => Date.now());
  const score = useMemo(() => scoreOf(history.drawings, visitStart), [history.drawings, visitStart]);
  const { drawings, keeping } = history;
  return (
    <details className="history">
      <summary>
        History <ScoreBadge score={score} />
      </summary>
      <div className="history-panel">
        <ScoreDetails score={score} />
        <p className={keeping === 'kept' ? 'history-note' : 'history-error'} role="status">
          {KEEPING_NOTES[keeping]}
        </p>
        <AdaptControls
          enabled={adaptation.enabled}
          examples={adaptation.examples}
          onChange={(adapt) => history.changeSettings({ adapt })}
          onForget={() => history.changeSettings({ forgetBefore: Date.now() })}
        />
        <ExchangeButtons drawings={drawings} onImport={(text) => history.importFile(text, modelId)} />
        <button type="button" onClick={history.removeAll} disabled={drawings.length === 0}>
          Delete all
        </button>
        <HistoryList drawings={drawings} onRelabel={history.relabel} onRemove={history.remove} />
      </div>
    </details>
  );
}
