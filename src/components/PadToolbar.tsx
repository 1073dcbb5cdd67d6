import type { PadCommands } from '../hooks/useKeyboardShortcuts';
import { padHint, type InputDevice } from '../pad/padHint';

interface PadToolbarProps extends PadCommands {
  /** Which commands would change something now; the others are disabled. */
  readonly can: { readonly undo: boolean; readonly redo: boolean; readonly clear: boolean };
  /** Id for the hint, which also describes the pad. */
  readonly hintId: string;
  readonly device: InputDevice;
  /** Saves the drawing as rightly read (Enter does the same); disabled until it has been read. */
  readonly correct?: { readonly judge: () => void; readonly canConfirm: boolean };
}

/**
 * Undo, Clear and Redo. Clear sits second so the Tab order from Undo reaches it first, as it
 * always has; `aria-keyshortcuts` tells assistive technology the keys that do the same.
 */
export function PadToolbar({ undo, redo, clear, can, hintId, device, correct }: PadToolbarProps) {
  return (
    <div className="toolbar">
      <div className="toolbar-buttons">
        <button type="button" onClick={undo} disabled={!can.undo} aria-keyshortcuts="Control+Z Meta+Z">
          Undo
        </button>
        <button type="button" onClick={clear} disabled={!can.clear} aria-keyshortcuts="Escape Delete">
          Clear
        </button>
        <button
          type="button"
          onClick={redo}
          disabled={!can.redo}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        >
          Redo
        </button>
        {correct && (
          // A check mark: the word does not fit four buttons across a narrow column; its name does.
          <button
            type="button"
            className="correct"
            onClick={() => correct.judge()}
            disabled={!correct.canConfirm}
            aria-keyshortcuts="Enter"
            title="Correct (Enter)"
          >
            <span aria-hidden="true">✓</span>
            <span className="visually-hidden">Correct</span>
          </button>
        )}
      </div>
      <p id={hintId} className="hint">
        {padHint(device)}
      </p>
    </div>
  );
}
