import type { HistoryListProps } from './HistoryItems';
import { Later, laterPart } from './Later';

const HistoryItems = laterPart('HistoryItems');

/**
 * The saved drawings, newest first: thumbnail, label (which can be changed), the model's answer.
 * The list (the contract's `history`) is always there; its items come with the later chunk, which
 * a first visit has no drawing to show before its first answer.
 */
export function HistoryList(props: HistoryListProps) {
  return (
    <ol className="history-list" data-testid="history" aria-label="Saved drawings">
      <Later wanted={props.drawings.length > 0}>
        <HistoryItems {...props} />
      </Later>
    </ol>
  );
}
