import { lineWidthForPad } from './padGeometry';
import type { Point, Stroke } from '../digit';

/**
 * Everything drawn on the pad. Strokes are stored in the coordinates of the pad as it was when
 * the drawing began (CSS px): a pad that is later resized shows them scaled instead of cropped,
 * and the model, which only cares about shape, reads the same points either way.
 */
export interface StrokeHistory {
  /** Finished strokes, oldest first. */
  readonly strokes: readonly Stroke[];
  /** The stroke under the pen, or null between strokes. */
  readonly active: Stroke | null;
  /** Set by the drawing's first stroke and kept for all of them, so the pad and the model's raster agree. */
  readonly lineWidth: number;
  /** The pad's side, CSS px, when the drawing began. */
  readonly frameSide: number;
  /** Counts undos and clears: work started before one of them describes ink that is gone. */
  readonly removals: number;
}

export const EMPTY_HISTORY: StrokeHistory = {
  strokes: [],
  active: null,
  lineWidth: 0,
  frameSide: 0,
  removals: 0,
};

export type StrokeAction =
  | { readonly type: 'begin'; readonly point: Point; readonly padSide: number }
  | { readonly type: 'extend'; readonly points: readonly Point[]; readonly padSide: number }
  | { readonly type: 'end' }
  | { readonly type: 'undo' }
  | { readonly type: 'clear' };

function toFrame(history: StrokeHistory, point: Point, padSide: number): Point {
  const scale = padSide > 0 ? history.frameSide / padSide : 1;
  return { x: point.x * scale, y: point.y * scale };
}

export function beginStroke(history: StrokeHistory, point: Point, padSide: number): StrokeHistory {
  const fresh = history.strokes.length === 0 && history.active === null;
  const drawing = fresh ? { ...history, lineWidth: lineWidthForPad(padSide), frameSide: padSide } : history;
  return { ...drawing, active: [toFrame(drawing, point, padSide)] };
}

/** Appends points to the stroke under the pen; points arriving after an undo or clear ended it are dropped. */
export function extendStroke(
  history: StrokeHistory,
  points: readonly Point[],
  padSide: number,
): StrokeHistory {
  if (history.active === null) return history;
  const added: Point[] = [];
  let last = history.active[history.active.length - 1];
  for (const point of points) {
    const next = toFrame(history, point, padSide);
    // A repeated position adds nothing to the line and would only slow every redraw.
    if (next.x === last.x && next.y === last.y) continue;
    added.push(next);
    last = next;
  }
  return added.length === 0 ? history : { ...history, active: [...history.active, ...added] };
}

export function endStroke(history: StrokeHistory): StrokeHistory {
  if (history.active === null) return history;
  return { ...history, strokes: [...history.strokes, history.active], active: null };
}

/** Removes the stroke under the pen if there is one, else the last finished stroke. */
export function undoStroke(history: StrokeHistory): StrokeHistory {
  if (history.active !== null) return { ...history, active: null, removals: history.removals + 1 };
  if (history.strokes.length === 0) return history;
  if (history.strokes.length === 1) return clearStrokes(history);
  return { ...history, strokes: history.strokes.slice(0, -1), removals: history.removals + 1 };
}

export function clearStrokes(history: StrokeHistory): StrokeHistory {
  if (history.strokes.length === 0 && history.active === null) return history;
  // The next drawing takes its line width and frame from the pad as it is then.
  return { ...EMPTY_HISTORY, removals: history.removals + 1 };
}

/** What the pad shows and the model reads: finished strokes, then the one under the pen. */
export function visibleStrokes(history: StrokeHistory): readonly Stroke[] {
  return history.active === null ? history.strokes : [...history.strokes, history.active];
}

export function strokeHistoryReducer(history: StrokeHistory, action: StrokeAction): StrokeHistory {
  switch (action.type) {
    case 'begin':
      return beginStroke(history, action.point, action.padSide);
    case 'extend':
      return extendStroke(history, action.points, action.padSide);
    case 'end':
      return endStroke(history);
    case 'undo':
      return undoStroke(history);
    case 'clear':
      return clearStrokes(history);
  }
}
