import { useEffect } from 'react';

export interface PadCommands {
  readonly undo: () => void;
  readonly redo: () => void;
  readonly clear: () => void;
}

/**
 * Anywhere on the page: Ctrl+Z (Cmd+Z on a Mac) undoes; Ctrl+Shift+Z, Cmd+Shift+Z or Ctrl+Y
 * redoes (the first two are the Mac and Linux habit, the last the Windows one); Escape or Delete
 * clears.
 */
export function useKeyboardShortcuts({ undo, redo, clear }: PadCommands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let action: (() => void) | null = null;
      if (command && key === 'z') action = event.shiftKey ? redo : undo;
      else if (command && key === 'y' && !event.shiftKey) action = redo;
      else if (!command && (event.key === 'Escape' || event.key === 'Delete')) action = clear;
      if (action === null) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, clear]);
}
