import { describe, expect, it } from 'vitest';
import {
  backingStoreSize,
  fitScale,
  lineWidthForPad,
  LINE_WIDTH,
  type PadSize,
} from '../../src/pad/padGeometry';
import {
  EMPTY_HISTORY,
  strokeHistoryReducer,
  visibleStrokes,
  type StrokeAction,
  type StrokeHistory,
} from '../../src/pad/strokeHistory';

const play = (actions: readonly StrokeAction[], from: StrokeHistory = EMPTY_HISTORY) =>
  actions.reduce(strokeHistoryReducer, from);

const square = (side: number): PadSize => ({ width: side, height: side });

const stroke = (points: [number, number][], pad: number | PadSize = 300): StrokeAction[] => [
  {
    type: 'begin',
    point: { x: points[0][0], y: points[0][1] },
    pad: typeof pad === 'number' ? square(pad) : pad,
  },
  {
    type: 'extend',
    points: points.slice(1).map(([x, y]) => ({ x, y })),
    pad: typeof pad === 'number' ? square(pad) : pad,
  },
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
      { type: 'begin', point: { x: 9, y: 9 }, pad: square(300) },
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

  it('takes a wide pad as it is, with the pen of a square pad of its height', () => {
    const wide = { width: 900, height: 450 };
    const drawing = play(stroke([[800, 400]], wide));
    expect(drawing.frame).toEqual(wide);
    expect(drawing.lineWidth).toBeCloseTo(lineWidthForPad(450));
    expect(drawing.strokes[0]).toEqual([{ x: 800, y: 400 }]);
  });

  it('keeps a wide drawing whole on a pad turned square: points map back through the fitted scale', () => {
    // 900x450 shown on 450x450 is shown at half size; a point at (100, 200) on it was (200, 400).
    const drawing = play([...stroke([[10, 10]], { width: 900, height: 450 }), ...stroke([[100, 200]], 450)]);
    expect(drawing.strokes[1]).toEqual([{ x: 200, y: 400 }]);
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
      { type: 'begin', point: { x: 5, y: 5 }, pad: square(300) },
      { type: 'undo' },
      { type: 'extend', points: [{ x: 6, y: 6 }], pad: square(300) },
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

describe('fitting a drawing to the pad it is shown on', () => {
  it.each<[string, PadSize, PadSize, number]>([
    ['same pad', { width: 300, height: 300 }, { width: 300, height: 300 }, 1],
    ['square pad doubled', { width: 300, height: 300 }, { width: 600, height: 600 }, 2],
    ['wide drawing on a square pad: its width decides', { width: 900, height: 450 }, square(450), 0.5],
    ['square drawing on a wide pad: its height decides', square(450), { width: 900, height: 450 }, 1],
    ['wide drawing on a wider, lower pad', { width: 800, height: 400 }, { width: 1200, height: 300 }, 0.75],
    ['a pad never measured', { width: 0, height: 0 }, square(300), 1],
    ['a pad with no size yet', square(300), { width: 0, height: 300 }, 1],
  ])('%s', (_name, frame, pad, scale) => {
    expect(fitScale(frame, pad)).toBeCloseTo(scale);
  });

  it('never lets a stroke of the drawing run off the pad it is shown on', () => {
    const frames: PadSize[] = [square(300), { width: 900, height: 450 }, { width: 500, height: 700 }];
    for (const frame of frames) {
      for (const pad of frames) {
        const scale = fitScale(frame, pad);
        expect(frame.width * scale).toBeLessThanOrEqual(pad.width + 1e-9);
        expect(frame.height * scale).toBeLessThanOrEqual(pad.height + 1e-9);
        // ...and as big as it can be: one side fills the pad.
        const fills = Math.max((frame.width * scale) / pad.width, (frame.height * scale) / pad.height);
        expect(fills).toBeCloseTo(1);
      }
    }
  });
});
