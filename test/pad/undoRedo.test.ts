import { describe, expect, it } from 'vitest';
import {
  canClear,
  canRedo,
  canUndo,
  EMPTY_HISTORY,
  strokeHistoryReducer,
  type StrokeAction,
  type StrokeHistory,
} from '../../src/pad/strokeHistory';

const play = (actions: readonly StrokeAction[], from: StrokeHistory = EMPTY_HISTORY) =>
  actions.reduce(strokeHistoryReducer, from);

/** A one-segment stroke from (x, 0) to (x, 10), so each stroke is told apart by its x. */
const stroke = (x: number, side = 300): StrokeAction[] => [
  { type: 'begin', point: { x, y: 0 }, pad: { width: side, height: side } },
  { type: 'extend', points: [{ x, y: 10 }], pad: { width: side, height: side } },
  { type: 'end' },
];
const undo: StrokeAction = { type: 'undo' };
const redo: StrokeAction = { type: 'redo' };
const clear: StrokeAction = { type: 'clear' };
const begin: StrokeAction = { type: 'begin', point: { x: 99, y: 0 }, pad: { width: 300, height: 300 } };

/** The x of each finished stroke: what the pad shows, in a form a table can state. */
const shown = (history: StrokeHistory) => history.strokes.map((s) => s[0].x);

describe('undo and redo', () => {
  it.each<[string, StrokeAction[], number[]]>([
    ['undo, redo: back where it was', [...stroke(1), ...stroke(2), undo, redo], [1, 2]],
    ['two undos, two redos, in order', [...stroke(1), ...stroke(2), undo, undo, redo], [1]],
    ['redo with nothing undone does nothing', [...stroke(1), redo], [1]],
    ['redo after everything is redone does nothing', [...stroke(1), undo, redo, redo], [1]],
    ['undo takes back a clear, whole', [...stroke(1), ...stroke(2), clear, undo], [1, 2]],
    ['redo clears again', [...stroke(1), ...stroke(2), clear, undo, redo], []],
    [
      'undo after undoing a clear goes on stroke by stroke',
      [...stroke(1), ...stroke(2), clear, undo, undo],
      [1],
    ],
    ['a new stroke drops what was undone', [...stroke(1), ...stroke(2), undo, ...stroke(3), redo], [1, 3]],
    [
      'a new stroke after a clear drops the clear from redo',
      [...stroke(1), clear, undo, undo, ...stroke(3), redo],
      [3],
    ],
    ['undo on an empty pad does nothing', [undo, undo], []],
    ['clear on an empty pad is not a step', [...stroke(1), clear, clear, undo], [1]],
    ['undo during a stroke drops only that stroke', [...stroke(1), begin, undo], [1]],
    ['redo during a stroke does nothing', [...stroke(1), ...stroke(2), undo, begin, redo], [1]],
  ])('%s', (_name, actions, expected) => {
    expect(shown(play(actions))).toEqual(expected);
  });

  it('restores the line width and frame of a cleared drawing, and a new drawing takes the pad as it is', () => {
    const drawn = play(stroke(1, 300));
    const cleared = play([clear, ...stroke(1, 600)], drawn);
    expect(cleared.lineWidth).toBeCloseTo(27);
    expect(play([undo, undo], cleared)).toMatchObject({
      lineWidth: drawn.lineWidth,
      frame: { width: 300, height: 300 },
    });
  });

  it('counts undos, redos and clears as removals, so stale recognitions are dropped', () => {
    const history = play([...stroke(1), clear, undo, redo]);
    expect(history.removals).toBe(3);
    expect(play([redo, undo]).removals).toBe(0);
  });

  it.each<[string, StrokeAction[], { undo: boolean; redo: boolean; clear: boolean }]>([
    ['an empty pad', [], { undo: false, redo: false, clear: false }],
    ['a stroke under the pen', [begin], { undo: true, redo: false, clear: true }],
    ['a finished stroke', stroke(1), { undo: true, redo: false, clear: true }],
    ['a stroke undone', [...stroke(1), undo], { undo: false, redo: true, clear: false }],
    ['a clear', [...stroke(1), clear], { undo: true, redo: false, clear: false }],
    ['a clear undone', [...stroke(1), clear, undo], { undo: true, redo: true, clear: true }],
    [
      'drawing after an undo',
      [...stroke(1), ...stroke(2), undo, begin],
      { undo: true, redo: false, clear: true },
    ],
  ])('offers only what would change something: %s', (_name, actions, expected) => {
    const history = play(actions);
    expect({ undo: canUndo(history), redo: canRedo(history), clear: canClear(history) }).toEqual(expected);
  });

  it('never changes the history it is given', () => {
    const before = play([...stroke(1), ...stroke(2), undo]);
    const snapshot = structuredClone(before);
    play([redo, clear, undo, undo, ...stroke(3)], before);
    expect(before).toEqual(snapshot);
  });
});
