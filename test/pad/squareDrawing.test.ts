import { describe, expect, it } from 'vitest';
import { strokeBounds, type Stroke } from '../../src/digit';
import { squareDrawing } from '../../src/pad/squareDrawing';

const seven: Stroke[] = [
  [
    { x: 600, y: 100 },
    { x: 700, y: 100 },
    { x: 640, y: 300 },
  ],
  [
    { x: 610, y: 200 },
    { x: 690, y: 200 },
  ],
];

describe('a drawing kept as one on a square pad', () => {
  it('leaves a square pad drawing as it is', () => {
    const square = { width: 400, height: 400 };
    expect(squareDrawing(seven, square)).toEqual({ strokes: seven, side: 400 });
  });

  it.each([
    ['wide pad', { width: 900, height: 400 }, 400],
    ['tall pad', { width: 400, height: 900 }, 400],
  ])(
    'on a %s moves the ink to the middle of its shorter side, along the longer side only',
    (_name, frame, side) => {
      const { strokes, side: kept } = squareDrawing(seven, frame);
      expect(kept).toBe(side);
      const before = strokeBounds(seven)!;
      const after = strokeBounds(strokes)!;
      // Same shape: every point moved by the same amount.
      const dx = after.minX - before.minX;
      const dy = after.minY - before.minY;
      strokes.flat().forEach((p, i) => {
        const q = seven.flat()[i];
        expect(p.x - q.x).toBeCloseTo(dx);
        expect(p.y - q.y).toBeCloseTo(dy);
      });
      if (frame.width > frame.height) {
        expect(dy).toBe(0);
        expect((after.minX + after.maxX) / 2).toBeCloseTo(side / 2);
      } else {
        expect(dx).toBe(0);
        expect((after.minY + after.maxY) / 2).toBeCloseTo(side / 2);
      }
    },
  );

  it('keeps an empty drawing empty', () => {
    expect(squareDrawing([], { width: 900, height: 400 })).toEqual({ strokes: [], side: 400 });
  });

  it('never changes the strokes it is given', () => {
    const copy = JSON.parse(JSON.stringify(seven)) as Stroke[];
    squareDrawing(seven, { width: 900, height: 400 });
    expect(seven).toEqual(copy);
  });
});
