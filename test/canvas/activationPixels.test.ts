import { describe, expect, it } from 'vitest';
import { activationPixels, gridOf } from '../../src/canvas/paintActivations';

type Shape = readonly [number, number, number];

/** Layers of the catalog's models, and odd ones: one map, one value, a channel count that leaves a row short. */
const SHAPES: Shape[] = [
  [28, 28, 1],
  [26, 26, 16],
  [12, 12, 32],
  [3, 3, 64],
  [5, 7, 5],
  [1, 1, 11],
  [1, 1, 1],
];

/** Values 0 up to the largest, in an order unlike the layout's, so a misplaced value shows. */
function layerValues([height, width, channels]: Shape): Float32Array {
  const count = height * width * channels;
  return Float32Array.from({ length: count }, (_, i) => ((i * 7919) % count) / 2);
}

const rgbaAt = (pixels: Uint8ClampedArray, width: number, x: number, y: number) =>
  Array.from(pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

/** The canvas pixel of value `i` (row-major, channels last), the way the grid is described. */
function pixelOf(i: number, [height, width, channels]: Shape): { x: number; y: number } {
  const { columns } = gridOf(height, width, channels);
  const channel = i % channels;
  const spot = Math.floor(i / channels);
  return {
    x: (channel % columns) * (width + 1) + (spot % width),
    y: Math.floor(channel / columns) * (height + 1) + Math.floor(spot / width),
  };
}

describe('activationPixels', () => {
  it.each(SHAPES)(
    'puts every value of a %i x %i x %i layer on its own pixel, scaled to the largest',
    (...shape) => {
      const values = layerValues(shape);
      const largest = Math.max(...values);
      const { grid, pixels } = activationPixels(values, shape);
      expect(pixels.length).toBe(grid.width * grid.height * 4);
      const painted = new Set<number>();
      values.forEach((value, i) => {
        const { x, y } = pixelOf(i, shape);
        painted.add(y * grid.width + x);
        // Exact before rounding to a byte: within half a level of it.
        const level = largest > 0 ? (255 * value) / largest : 0;
        const [red, green, blue, alpha] = rgbaAt(pixels, grid.width, x, y);
        expect(red).toBe(green);
        expect(Math.abs(red - level)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(blue - Math.min(255, 40 + level))).toBeLessThanOrEqual(0.5);
        expect(alpha).toBe(255);
      });
      expect(painted.size).toBe(values.length);
      // Every other pixel is the line between maps.
      for (let p = 0; p < grid.width * grid.height; p++)
        if (!painted.has(p))
          expect(rgbaAt(pixels, grid.width, p % grid.width, Math.floor(p / grid.width))).toEqual([
            70, 80, 110, 255,
          ]);
    },
  );

  it('shows a silent layer, and values below zero, as silence rather than as nonsense', () => {
    const shape: Shape = [2, 2, 2];
    for (const values of [new Float32Array(8), Float32Array.of(-1, -2, -3, -4, 0, 0, 0, 0)]) {
      const { grid, pixels } = activationPixels(values, shape);
      values.forEach((_, i) => {
        const { x, y } = pixelOf(i, shape);
        expect(rgbaAt(pixels, grid.width, x, y)).toEqual([0, 0, 40, 255]);
      });
    }
  });

  it('keeps the brightest value white and a negative one dark when both are there', () => {
    const { grid, pixels } = activationPixels(Float32Array.of(-3, 0.5, 2), [1, 1, 3]);
    expect([0, 2, 4].map((x) => rgbaAt(pixels, grid.width, x, 0))).toEqual([
      [0, 0, 40, 255],
      [64, 64, 104, 255],
      [255, 255, 255, 255],
    ]);
  });
});
