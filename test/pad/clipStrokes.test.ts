import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { drawWithNodeCanvas } from '../recognition/nodeCanvas';
import { drawStrokes, type Stroke } from '../../src/digit';
import { clipStrokes, inkArea, strokesOnPad } from '../../src/pad/clipStrokes';
import { EMPTY_HISTORY, strokeHistoryReducer, type StrokeAction } from '../../src/pad/strokeHistory';
import { createRaster, strokesToModelInput as toInput } from '../../src/recognition/modelInput';

drawWithNodeCanvas();

const raster = createRaster();
const strokesToModelInput = (strokes: readonly Stroke[], lineWidth: number) =>
  toInput(strokes, lineWidth, raster);

const BOX = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
const line = (...points: [number, number][]): Stroke => points.map(([x, y]) => ({ x, y }));
const plain = (strokes: readonly Stroke[]) => strokes.map((s) => s.map(({ x, y }) => [x, y]));

describe('clipping strokes to the pad', () => {
  it.each<[string, Stroke[], number[][][]]>([
    [
      'inside: unchanged',
      [line([10, 10], [50, 50], [90, 10])],
      [
        [
          [10, 10],
          [50, 50],
          [90, 10],
        ],
      ],
    ],
    ['a dot inside stays', [line([5, 5])], [[[5, 5]]]],
    ['a dot outside goes', [line([105, 5])], []],
    ['outside: gone', [line([110, 10], [150, 90])], []],
    [
      'leaves: cut at the edge',
      [line([50, 50], [150, 50])],
      [
        [
          [50, 50],
          [100, 50],
        ],
      ],
    ],
    [
      'enters: starts at the edge',
      [line([-50, 20], [50, 20])],
      [
        [
          [0, 20],
          [50, 20],
        ],
      ],
    ],
    [
      'leaves and comes back: two strokes',
      [line([20, 20], [80, 20], [140, 20], [140, 80], [80, 80], [20, 80])],
      [
        [
          [20, 20],
          [80, 20],
          [100, 20],
        ],
        [
          [100, 80],
          [80, 80],
          [20, 80],
        ],
      ],
    ],
    [
      'crosses the pad: the chord',
      [line([-50, 50], [150, 50])],
      [
        [
          [0, 50],
          [100, 50],
        ],
      ],
    ],
    [
      'runs along the edge: kept',
      [line([0, 10], [0, 90])],
      [
        [
          [0, 10],
          [0, 90],
        ],
      ],
    ],
  ])('%s', (_name, strokes, expected) => {
    expect(plain(clipStrokes(strokes, BOX))).toEqual(expected);
  });

  it('keeps every point of every piece inside, on a scribble that wanders off all four sides', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 160 - 30;
    const scribble = Array.from({ length: 400 }, () => ({ x: random(), y: random() }));
    const pieces = clipStrokes([scribble], BOX);
    expect(pieces.length).toBeGreaterThan(5);
    for (const { x, y } of pieces.flat()) {
      expect(x).toBeGreaterThanOrEqual(-1e-9);
      expect(x).toBeLessThanOrEqual(100 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(-1e-9);
      expect(y).toBeLessThanOrEqual(100 + 1e-9);
    }
  });
});

describe('what the model sees is what the pad shows', () => {
  const PAD = 300;
  const play = (actions: StrokeAction[]) => actions.reduce(strokeHistoryReducer, EMPTY_HISTORY);
  const strokeActions = (stroke: Stroke): StrokeAction[] => [
    { type: 'begin', point: stroke[0], pad: { width: PAD, height: PAD } },
    { type: 'extend', points: stroke.slice(1), pad: { width: PAD, height: PAD } },
    { type: 'end' },
  ];
  /** A "<" on the pad whose top-right arm runs off the right edge, down, and back on: a "7" if read whole. */
  const outAndBack = line([60, 60], [240, 60], [420, 60], [420, 90], [180, 240]);

  it('inks no pixel outside the pad: the pad canvas cuts nothing the model would read', () => {
    const history = play(strokeActions(outAndBack));
    const margin = 200;
    const canvas = createCanvas(PAD + 2 * margin, PAD + 2 * margin);
    const context = canvas.getContext('2d');
    drawStrokes(context, strokesOnPad(history), history.lineWidth, {
      scale: 1,
      offsetX: margin,
      offsetY: margin,
    });
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inkOutside = 0;
    let inkInside = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4 + 3] === 0) continue;
        const onPad = x >= margin && x < margin + PAD && y >= margin && y < margin + PAD;
        if (onPad) inkInside++;
        else inkOutside++;
      }
    }
    expect(inkInside).toBeGreaterThan(1000);
    expect(inkOutside).toBe(0);
  });

  it('reads a stroke that leaves and comes back as the two pieces on the pad, not as the whole', () => {
    const history = play(strokeActions(outAndBack));
    const { lineWidth } = history;
    const square = inkArea({ width: PAD, height: PAD }, lineWidth);
    const pieces = [
      line([60, 60], [240, 60], [square.maxX, 60]),
      line([square.maxX, 60 + ((square.maxX - 420) * 150) / -240 + 30], [180, 240]),
    ];
    const seen = strokesToModelInput(strokesOnPad(history), lineWidth);
    const whole = strokesToModelInput([outAndBack], lineWidth);
    const twoStrokes = strokesToModelInput(clipStrokes(pieces, square), lineWidth);
    if (seen === null || whole === null || twoStrokes === null) throw new Error('expected ink');
    const difference = (a: Float32Array, b: Float32Array) =>
      a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0);
    expect(difference(seen, twoStrokes)).toBeLessThan(1e-3);
    expect(difference(seen, whole)).toBeGreaterThan(20);
  });
});

describe('a pad wider than tall', () => {
  const wide = { width: 900, height: 450 };
  const play = (actions: StrokeAction[]) => actions.reduce(strokeHistoryReducer, EMPTY_HISTORY);

  it('keeps ink anywhere across its width and cuts it at its own edges', () => {
    const history = play([
      { type: 'begin', point: { x: 700, y: 100 }, pad: wide },
      {
        type: 'extend',
        points: [
          { x: 850, y: 100 },
          { x: 850, y: 600 },
        ],
        pad: wide,
      },
      { type: 'end' },
    ]);
    const area = inkArea(wide, history.lineWidth);
    expect(area).toEqual({
      minX: history.lineWidth / 2,
      minY: history.lineWidth / 2,
      maxX: 900 - history.lineWidth / 2,
      maxY: 450 - history.lineWidth / 2,
    });
    const [kept] = strokesOnPad(history);
    expect(kept[0]).toEqual({ x: 700, y: 100 });
    expect(kept.at(-1)).toEqual({ x: 850, y: area.maxY });
  });
});
