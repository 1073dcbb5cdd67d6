import { useCallback, useMemo, useReducer } from 'react';
import { canClear, canRedo, canUndo, EMPTY_HISTORY, strokeHistoryReducer } from '../pad/strokeHistory';

export function useStrokeHistory() {
  const [history, dispatch] = useReducer(strokeHistoryReducer, EMPTY_HISTORY);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);
  return useMemo(
    () => ({
      history,
      dispatch,
      undo,
      redo,
      clear,
      can: { undo: canUndo(history), redo: canRedo(history), clear: canClear(history) },
    }),
    [history, undo, redo, clear],
  );
}
