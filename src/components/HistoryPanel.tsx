import { useMemo, useState } from 'react';
import { scoreOf } from '../history/score';
import type { Adaptation } from '../hooks/useAdaptation';
import type { DrawingHistory, Keeping } from '../hooks/useDrawingHistory';
import { AdaptControls } from './AdaptControls';
import { HistoryList } from './HistoryList';
import { Later, laterPart, useOpened } from './Later';
import { ScoreBadge } from './ScoreBoard';

const ScoreDetails = laterPart('ScoreDetails');
const HistoryTools = laterPart('HistoryTools');

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
  /** The page has answered: the panel's later parts may come (`useAfterFirstAnswer`). */
  readonly afterFirstAnswer: boolean;
}

/**
 * The score, the saved drawings and what to do with them, behind one "History" button in the
 * header. The contract's parts (score, adaptation, the list) are always there; the details and
 * the file tools come after the first answer, or when the panel opens.
 */
export function HistoryPanel({ history, adaptation, modelId, afterFirstAnswer }: HistoryPanelProps) {
  // The visit starts when the page opens; drawings saved from then on count as this visit's.
  const [visitStart] = useState(() => Date.now());
  const score = useMemo(() => scoreOf(history.drawings, visitStart), [history.drawings, visitStart]);
  const { drawings, keeping } = history;
  const [opened, onToggle] = useOpened();
  const wanted = afterFirstAnswer || opened;
  return (
    <details className="history" onToggle={onToggle}>
      <summary>
        History <ScoreBadge score={score} />
      </summary>
      <div className="history-panel">
        <Later wanted={wanted}>
          <ScoreDetails score={score} />
        </Later>
        <p className={keeping === 'kept' ? 'history-note' : 'history-error'} role="status">
          {KEEPING_NOTES[keeping]}
        </p>
        <AdaptControls
          enabled={adaptation.enabled}
          examples={adaptation.examples}
          tuned={adaptation.tuned}
          voteWeight={adaptation.voteWeight}
          onChange={(adapt) => history.changeSettings({ adapt })}
          onForget={() => history.changeSettings({ forgetBefore: Date.now() })}
        />
        <Later wanted={wanted}>
          <HistoryTools history={history} modelId={modelId} />
        </Later>
        <HistoryList drawings={drawings} onRelabel={history.relabel} onRemove={history.remove} />
      </div>
    </details>
  );
}
