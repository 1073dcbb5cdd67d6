import type { Point, Stroke } from '../../src/digit/types';

/**
 * Digits as people draw them, stroke by stroke, in a box 100 units tall with its top-left at the
 * origin: enough shape for segmentation, which looks at extents, not at curves.
 */
const line = (...points: [number, number][]): Stroke => points.map(([x, y]) => ({ x, y }));

function ellipse(cx: number, cy: number, rx: number, ry: number): Stroke {
  return Array.from({ length: 25 }, (_, i) => {
    const angle = (i / 24) * 2 * Math.PI;
    return { x: cx + rx * Math.sin(angle), y: cy - ry * Math.cos(angle) };
  });
}

export const SHAPES = {
  one: [line([48, 0], [42, 100])],
  oneWithSerif: [line([30, 18], [48, 0], [44, 100])],
  oneWithBase: [line([48, 0], [48, 100]), line([28, 100], [68, 100])],
  two: [line([10, 20], [35, 0], [60, 15], [55, 45], [8, 100], [65, 98])],
  zero: [ellipse(32, 50, 30, 50)],
  /** A closed 4: the slanted down-and-across stroke, then the stem crossing its bar. */
  four: [line([35, 0], [5, 62], [70, 62]), line([55, 25], [55, 100])],
  /** An open 4 drawn apart: a short hook, the stem beside it, not touching. */
  fourApart: [line([18, 0], [10, 50], [40, 50]), line([55, 0], [55, 100])],
  five: [line([15, 2], [10, 45], [45, 38], [62, 65], [45, 98], [8, 88]), line([15, 0], [60, 0])],
  six: [line([50, 0], [10, 60], [30, 100], [55, 80], [40, 55], [12, 65])],
  sevenCrossed: [line([5, 0], [65, 0], [25, 100]), line([22, 50], [58, 50])],
  /** "=": two flat strokes, one over the other. */
  equals: [line([5, 40], [65, 40]), line([5, 62], [65, 62])],
} as const satisfies Record<string, readonly Stroke[]>;

export type ShapeName = keyof typeof SHAPES;

export interface Placement {
  readonly x: number;
  readonly y?: number;
  /** Height in px; the shapes are 100 tall. */
  readonly height?: number;
}

/** A shape's strokes moved to (x, y) and scaled to `height`. */
export function place(shape: readonly Stroke[], { x, y = 100, height = 100 }: Placement): Stroke[] {
  const scale = height / 100;
  return shape.map((stroke) => stroke.map((p: Point) => ({ x: x + p.x * scale, y: y + p.y * scale })));
}

/** The right edge of a shape placed at x (its strokes' extent). */
export function rightOf(shape: readonly Stroke[], placement: Placement): number {
  return Math.max(...place(shape, placement).flatMap((stroke) => stroke.map((p) => p.x)));
}

/**
 * A number written left to right: each shape placed `gap` px after the previous one's right edge
 * (negative overlaps), with optional per-digit heights and a baseline that rises `slope` px per px.
 * Returns its strokes in writing order and each digit's stroke indices.
 */
export function writeNumber(
  shapes: readonly ShapeName[],
  { gap = 30, heights = [] as readonly number[], slope = 0, x = 20 } = {},
): { strokes: Stroke[]; digits: number[][] } {
  const strokes: Stroke[] = [];
  const digits: number[][] = [];
  let left = x;
  shapes.forEach((name, i) => {
    const height = heights[i] ?? 100;
    const placement = { x: left, y: 200 - height - slope * (left - x), height };
    const placed = place(SHAPES[name], placement);
    digits.push(placed.map((_, s) => strokes.length + s));
    strokes.push(...placed);
    left = rightOf(SHAPES[name], placement) + gap;
  });
  return { strokes, digits };
}
