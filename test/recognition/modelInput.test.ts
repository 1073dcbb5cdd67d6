import { beforeAll, describe, expect, it } from 'vitest';
import { drawWithNodeCanvas } from './nodeCanvas';
import type { Stroke } from '../../src/digit';
import { createRaster, strokesToModelInput as toInput, type Raster } from '../../src/recognition/modelInput';

drawWithNodeCanvas();

let raster: Raster;
beforeAll(() => {
  raster = createRaster();
});
const strokesToModelInput = (strokes: readonly Stroke[], lineWidth: number) =>
  toInput(strokes, lineWidth, raster);

/** A "7": a top bar and a diagonal, in pad CSS px. */
const seven = (scale: number, dx: number, dy: number): Stroke[] => [
  [
    { x: 20, y: 20 },
    { x: 80, y: 20 },
    { x: 40, y: 110 },
  ].map(({ x, y }) => ({ x: x * scale + dx, y: y * scale + dy })),
];

const difference = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + Math.abs(value - b[i]), 0);

describe('model input from strokes', () => {
  it('is null for an empty pad', () => {
    expect(strokesToModelInput([], 13.5)).toBeNull();
  });

  it('is 784 values of ink in [0, 1]', () => {
    const input = strokesToModelInput(seven(1, 0, 0), 13.5);
    expect(input).toHaveLength(784);
    expect(input?.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(input?.some((value) => value > 0.5)).toBe(true);
  });

  it.each([
    ['moved to a corner', 1, 180, 170],
    ['drawn twice as large', 2, 0, 0],
    ['drawn half as large, off-centre', 0.5, 200, 30],
  ])('does not depend on where or how big the digit is drawn: %s', (_name, scale, dx, dy) => {
    const reference = strokesToModelInput(seven(1, 0, 0), 13.5);
    // The pen is a fixed fraction of the drawing here, as it is of the pad in the app.
    const moved = strokesToModelInput(seven(scale, dx, dy), 13.5 * scale);
    if (reference === null || moved === null) throw new Error('expected ink');
    // Total absolute difference in fully inked pixels; the digit has ~80, a "1" differs by ~85.
    expect(difference(reference, moved)).toBeLessThan(8);
  });
});
