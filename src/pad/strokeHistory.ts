import { fitScale, lineWidthForPad, shorterSide, type PadSize } from './padGeometry';
import type { Point, Stroke } from '../digit';

/**
 * A finished drawing: what Undo and Redo step between. Strokes are stored in the coordinates of
 * the pad as it was when the drawing began (CSS px): a pad that is later resized shows them
 * scaled instead of cropped, and the model, which only cares about shape, reads the same points
 * either way.
 */
export interface Drawing {
  /** Finished strokes, oldest first. */
  readonly strokes: readonly Stroke[];
  /** Set by the drawing's first stroke and kept for all of them, so the pad and the model's raster agree. */
  readonly lineWidth: number;
  /** The pad's size, CSS px, when the drawing began: its strokes' coordinates are in it. */
  readonly frame: PadSize;
}

/** Everything drawn on the pad, and the drawings Undo and Redo lead back and forth to. */
export interface StrokeHistory extends Drawing {
  /** The stroke under the pen, or null between strokes. */
  readonly active: Stroke | null;
  /** Drawings before each finished stroke or clear, oldest first: Undo goes back to the last. */
  readonly past: readonly Drawing[];
  /** Drawings undone, most recently undone last: Redo brings back the last. Drawing empties it. */
  readonly future: readonly Drawing[];
  /** Counts undos, redos and clears: work started before one of them describes a drawing that is gone. */
  readonly removals: number;
}

const EMPTY_DRAWING: Drawing = { strokes: [], lineWidth: 0, frame: { width: 0, height: 0 } };

export const EMPTY_HISTORY: StrokeHistory = {
  ...EMPTY_DRAWING,
  active: null,
  past: [],
  future: [],
  removals: 0,
};

export type StrokeAction =
  | { readonly type: 'begin'; readonly point: Point; readonly pad: PadSize }
  | { readonly type: 'extend'; readonly points: readonly Point[]; readonly pad: PadSize }
  | { readonly type: 'end' }
  | { readonly type: 'discard' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'clear' };

/** A point on the pad as it is now, in the coordinates of the pad the drawing began on. */
function toFrame(history: StrokeHistory, point: Point, pad: PadSize): Point {
  const scale = fitScale(history.frame, pad);
  return { x: point.x / scale, y: point.y / scale };
}

const drawingOf = ({ strokes, lineWidth, frame }: Drawing): Drawing => ({ strokes, lineWidth, frame });

/** Shows `drawing`, with nothing under the pen; `past` and `future` are the caller's to set. */
function show(
  history: StrokeHistory,
  drawing: Drawing,
  past: readonly Drawing[],
  future: readonly Drawing[],
) {
  return { ...history, ...drawing, active: null, past, future, removals: history.removals + 1 };
}

/** A new stroke makes what was undone unreachable, as in every editor: Redo then does nothing. */
export function beginStroke(history: StrokeHistory, point: Point, pad: PadSize): StrokeHistory {
  const fresh = history.strokes.length === 0 && history.active === null;
  const drawing = fresh ? { ...history, lineWidth: lineWidthForPad(shorterSide(pad)), frame: pad } : history;
  return { ...drawing, active: [toFrame(drawing, point, pad)], future: [] };
}

/** Appends points to the stroke under the pen; points arriving after an undo or clear ended it are dropped. */
export function extendStroke(history: StrokeHistory, points: readonly Point[], pad: PadSize): StrokeHistory {
  if (history.active === null) return history;
  const added: Point[] = [];
  let last = history.active[history.active.length - 1];
  for (const point of points) {
    const next = toFrame(history, point, pad);
    // A repeated position adds nothing to the line and would only slow every redraw.
    if (next.x === last.x && next.y === last.y) continue;
    added.push(next);
    last = next;
  }
  return added.length === 0 ? history : { ...history, active: [...history.active, ...added] };
}

export function endStroke(history: StrokeHistory): StrokeHistory {
  if (history.active === null) return history;
  return {
    ...history,
    strokes: [...history.strokes, history.active],
    active: null,
    past: [...history.past, drawingOf(history)],
  };
}

/** Drops the stroke under the pen (a palm's, when a pen takes over); points still arriving for it are ignored. */
export function discardStroke(history: StrokeHistory): StrokeHistory {
  if (history.active === null) return history;
  return { ...history, active: null, removals: history.removals + 1 };
}

/**
 * Removes the stroke under the pen if there is one, else goes back to the drawing before the
 * last finished stroke or clear. Undoing the first stroke leaves an empty drawing, so the next
 * one takes its line width and frame from the pad as it is then.
 */
export function undoStroke(history: StrokeHistory): StrokeHistory {
  if (history.active !== null) return discardStroke(history);
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return show(history, previous, history.past.slice(0, -1), [...history.future, drawingOf(history)]);
}

/** Brings back the drawing the last Undo went back from; nothing while a stroke is under the pen. */
export function redoStroke(history: StrokeHistory): StrokeHistory {
  const next = history.future.at(-1);
  if (next === undefined || history.active !== null) return history;
  return show(history, next, [...history.past, drawingOf(history)], history.future.slice(0, -1));
}

/** Empties the pad, as one step Undo can take back (Escape is one key press away). */
export function clearStrokes(history: StrokeHistory): StrokeHistory {
  if (history.strokes.length === 0 && history.active === null) return history;
  const past = history.strokes.length === 0 ? history.past : [...history.past, drawingOf(history)];
  return show(history, EMPTY_DRAWING, past, []);
}

/** What the buttons offer: each is disabled when it would do nothing. */
export const canUndo = (history: StrokeHistory) => history.active !== null || history.past.length > 0;
export const canRedo = (history: StrokeHistory) => history.active === null && history.future.length > 0;
export const canClear = (history: StrokeHistory) => history.active !== null || history.strokes.length > 0;

/** What the pad shows and the model reads: finished strokes, then the one under the pen. */
export function visibleStrokes(history: StrokeHistory): readonly Stroke[] {
  return history.active === null ? history.strokes : [...history.strokes, history.active];
}

export function strokeHistoryReducer(history: StrokeHistory, action: StrokeAction): StrokeHistory {
  switch (action.type) {
    case 'begin':
      return beginStroke(history, action.point, action.pad);
    case 'extend':
      return extendStroke(history, action.points, action.pad);
    case 'end':
      return endStroke(history);
    case 'discard':
      return discardStroke(history);
    case 'undo':
      return undoStroke(history);
    case 'redo':
      return redoStroke(history);
    case 'clear':
      return clearStrokes(history);
  }
}
