import type { SavedDrawing } from '../history/types';
import { DIGIT_LABELS } from '../digit';
import { describeSavedAt } from '../history/savedAt';
import { DrawingThumbnail } from './DrawingThumbnail';

export interface HistoryListProps {
  readonly drawings: readonly SavedDrawing[];
  readonly onRelabel: (id: number, label: number) => void;
  readonly onRemove: (id: number) => void;
}

function answerText({ label, predicted }: SavedDrawing): string {
  if (predicted === null) return 'imported';
  return predicted === label ? `read as ${predicted}` : `read as ${predicted}: wrong`;
}

function HistoryItem({
  drawing,
  onRelabel,
  onRemove,
}: { readonly drawing: SavedDrawing } & Omit<HistoryListProps, 'drawings'>) {
  const wrong = drawing.predicted !== null && drawing.predicted !== drawing.label;
  const when = describeSavedAt(drawing.savedAt);
  return (
    <li
      className={wrong ? 'history-item history-wrong' : 'history-item'}
      data-label={drawing.label}
      data-predicted={drawing.predicted ?? ''}
    >
      <DrawingThumbnail strokes={drawing.strokes} padSide={drawing.padSide} penWidth={drawing.penWidth} />
      <label className="history-label">
        <span className="visually-hidden">Label of the drawing saved {when}</span>
        <select value={drawing.label} onChange={(event) => onRelabel(drawing.id, Number(event.target.value))}>
          {DIGIT_LABELS.map((text, digit) => (
            <option key={digit} value={digit}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <span className="history-answer">{answerText(drawing)}</span>
      <button
        type="button"
        className="history-delete"
        onClick={() => onRemove(drawing.id)}
        aria-label={`Delete the drawing saved ${when}`}
      >
        Delete
      </button>
    </li>
  );
}

/** The list's items: in the later chunk, fetched once there is a drawing to show. */
export function HistoryItems({ drawings, onRelabel, onRemove }: HistoryListProps) {
  return drawings.map((drawing) => (
    <HistoryItem key={drawing.id} drawing={drawing} onRelabel={onRelabel} onRemove={onRemove} />
  ));
}
