import { useEffect } from 'react';

/** Ctrl+Z (Cmd+Z on a Mac) undoes; Escape or Delete clears. Anywhere on the page. */
export function useKeyboardShortcuts(undo: () => void, clear: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const command = event.ctrlKey || event.metaKey;
      // Shift+Ctrl+Z is redo by convention, which the pad does not have; leave it alone.
      if (command && !event.shiftKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        undo();
      } else if (!command && (event.key === 'Escape' || event.key === 'Delete')) {
        event.preventDefault();
        clear();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, clear]);
}
