import { createCanvas } from '@napi-rs/canvas';
import { drawStrokes } from '../../src/digit/strokes';
import type { Point, RgbaImage, Stroke } from '../../src/digit/types';

/** Draws strokes on a transparent canvas of the given size, as the app's pad does. */
export function drawOnCanvas(
  strokes: readonly Stroke[],
  lineWidth: number,
  width = 400,
  height = 400,
): RgbaImage {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  drawStrokes(context, strokes, lineWidth);
  return context.getImageData(0, 0, width, height);
}

export function transformStrokes(
  strokes: readonly Stroke[],
  { scale = 1, dx = 0, dy = 0 }: { scale?: number; dx?: number; dy?: number },
): Stroke[] {
  return strokes.map((stroke) => stroke.map((p: Point) => ({ x: p.x * scale + dx, y: p.y * scale + dy })));
}

/** A "4", a "7" and a "0", roughly as people draw them, in a 100x100 box. */
export const SAMPLE_DIGITS: Record<string, Stroke[]> = {
  four: [
    [
      { x: 30, y: 10 },
      { x: 15, y: 60 },
      { x: 70, y: 60 },
    ],
    [
      { x: 55, y: 20 },
      { x: 55, y: 95 },
    ],
  ],
  seven: [
    [
      { x: 15, y: 12 },
      { x: 75, y: 12 },
      { x: 40, y: 95 },
    ],
  ],
  zero: [
    Array.from({ length: 33 }, (_, i) => ({
      x: 50 + 25 * Math.sin((i / 32) * 2 * Math.PI),
      y: 50 - 40 * Math.cos((i / 32) * 2 * Math.PI),
    })),
  ],
};

export function meanAbsoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}
