import { describe, expect, it } from 'vitest';
import { backingStoreSize, lineWidthForPad, LINE_WIDTH } from '../../src/pad/padGeometry';
import {
  EMPTY_HISTORY,
  strokeHistoryReducer,
  visibleStrokes,
  type StrokeAction,
  type StrokeHistory,
} from '../../src/pad/strokeHistory';

const play = (actions: readonly StrokeAction[], from: StrokeHistory = EMPTY_HISTORY) =>
  actions.reduce(strokeHistoryReducer, from);

const stroke = (points: [number, number][], padSide = 300): StrokeAction[] => [
  { type: 'begin', point: { x: points[0][0], y: points[0][1] }, padSide },
  { type: 'extend', points: points.slice(1).map(([x, y]) => ({ x, y })), padSide },
  { type: 'end' },
];

describe('stroke history', () => {
  it('records a stroke point by point and finishes it on end', () => {
    const drawing = play(
      stroke([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    expect(drawing.strokes).toEqual([
      [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
        { x: 5, y: 6 },
      ],
    ]);
    expect(drawing.active).toBeNull();
  });

  it('shows the stroke under the pen after the finished ones', () => {
    const drawing = play([
      ...stroke([
        [0, 0],
        [1, 1],
      ]),
      { type: 'begin', point: { x: 9, y: 9 }, padSide: 300 },
    ]);
    expect(drawing.strokes).toHaveLength(1);
    expect(visibleStrokes(drawing)).toHaveLength(2);
  });

  it('drops repeated positions', () => {
    const drawing = play(
      stroke([
        [1, 1],
        [1, 1],
        [2, 2],
        [2, 2],
      ]),
    );
    expect(drawing.strokes[0]).toHaveLength(2);
  });

  it('fixes the line width from the pad when the drawing begins', () => {
    expect(play(stroke([[0, 0]], 300)).lineWidth).toBeCloseTo(13.5);
    const twoStrokes = play([...stroke([[0, 0]], 300), ...stroke([[5, 5]], 600)]);
    expect(twoStrokes.lineWidth).toBeCloseTo(13.5);
  });

  it('stores points in the frame the drawing began in when the pad is resized', () => {
    const drawing = play([
      ...stroke([[100, 100]], 300),
      ...stroke(
        [
          [200, 100],
          [400, 200],
        ],
        600,
      ),
    ]);
    expect(drawing.strokes[1]).toEqual([
      { x: 100, y: 50 },
      { x: 200, y: 100 },
    ]);
  });

  it.each<[string, StrokeAction[], number]>([
    ['undo removes the last finished stroke', [{ type: 'undo' }], 1],
    ['undo twice removes both', [{ type: 'undo' }, { type: 'undo' }], 0],
    // A clear is undoable now (issue 13), so the pad is emptied by undoing both strokes.
    ['undo on an empty pad does nothing', [{ type: 'undo' }, { type: 'undo' }, { type: 'undo' }], 0],
    ['clear removes everything', [{ type: 'clear' }], 0],
  ])('%s', (_name, actions, strokesLeft) => {
    const twoStrokes = play([
      ...stroke([
        [0, 0],
        [1, 1],
      ]),
      ...stroke([
        [5, 5],
        [6, 6],
      ]),
    ]);
    expect(play(actions, twoStrokes).strokes).toHaveLength(strokesLeft);
  });

  it('undo during a stroke removes that stroke, and the pen adds nothing more', () => {
    const drawing = play([
      ...stroke([
        [0, 0],
        [1, 1],
      ]),
      { type: 'begin', point: { x: 5, y: 5 }, padSide: 300 },
      { type: 'undo' },
      { type: 'extend', points: [{ x: 6, y: 6 }], padSide: 300 },
      { type: 'end' },
    ]);
    expect(drawing.strokes).toHaveLength(1);
    expect(drawing.active).toBeNull();
  });

  it('counts removals, so work started before one can be recognised as stale', () => {
    const drawing = play([...stroke([[0, 0]]), ...stroke([[1, 1]]), { type: 'undo' }, { type: 'clear' }]);
    expect(drawing.removals).toBe(2);
    expect(play([{ type: 'clear' }]).removals).toBe(0);
  });

  it('never changes the history it is given', () => {
    const before = play(
      stroke([
        [0, 0],
        [1, 1],
      ]),
    );
    const snapshot = structuredClone(before);
    play(
      [
        ...stroke([
          [2, 2],
          [3, 3],
        ]),
        { type: 'undo' },
        { type: 'undo' },
        { type: 'clear' },
      ],
      before,
    );
    expect(before).toEqual(snapshot);
  });
});

describe('pad geometry', () => {
  it.each([
    [300, 300, 1, 300, 300],
    [300, 300, 2, 600, 600],
    [100.4, 100.4, 1.5, 151, 151],
    [0, 0, 3, 1, 1],
  ])(
    'backing store of %f x %f css px at ratio %f is %i x %i',
    (width, height, ratio, deviceWidth, deviceHeight) => {
      expect(backingStoreSize(width, height, ratio)).toEqual({ width: deviceWidth, height: deviceHeight });
    },
  );

  it('widens lines with the pad, within the clamp', () => {
    const sides = [50, 150, 250, 350, 450, 550, 650, 1000, 2000];
    const widths = sides.map(lineWidthForPad);
    widths.forEach((width, i) => {
      expect(width).toBeGreaterThanOrEqual(LINE_WIDTH.min);
      expect(width).toBeLessThanOrEqual(LINE_WIDTH.max);
      if (i > 0) expect(width).toBeGreaterThanOrEqual(widths[i - 1]);
    });
  });
});
