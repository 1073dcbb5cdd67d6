import { useCallback, useMemo, useReducer } from 'react';
import { EMPTY_HISTORY, strokeHistoryReducer } from '../pad/strokeHistory';

export function useStrokeHistory() {
  const [history, dispatch] = useReducer(strokeHistoryReducer, EMPTY_HISTORY);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);
  return useMemo(() => ({ history, dispatch, undo, clear }), [history, undo, clear]);
}
