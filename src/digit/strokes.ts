import type { Point, Stroke } from './types';

/**
 * The drawing calls that both the DOM's `CanvasRenderingContext2D` and Node's `@napi-rs/canvas`
 * provide, so the app and the training script draw strokes with one function.
 */
export interface StrokeContext {
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  stroke(): void;
  fill(): void;
}

export interface Bounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** The rectangle the strokes' centre lines span, or null for no points at all. */
export function strokeBounds(strokes: readonly Stroke[]): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const { x, y } of stroke) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

/**
 * Draws strokes as a person sees them: round caps and joins, and a lone point as a dot (a
 * zero-length line draws nothing on some canvases). `transform` maps stroke coordinates to canvas
 * pixels; the line width is given in stroke units and scaled with it.
 */
export function drawStrokes(
  context: StrokeContext,
  strokes: readonly Stroke[],
  lineWidth: number,
  transform: { scale: number; offsetX: number; offsetY: number } = { scale: 1, offsetX: 0, offsetY: 0 },
  color = '#000',
): void {
  const { scale, offsetX, offsetY } = transform;
  const at = (p: Point) => [p.x * scale + offsetX, p.y * scale + offsetY] as const;
  context.lineWidth = lineWidth * scale;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = color;
  context.fillStyle = color;
  for (const stroke of strokes) {
    if (stroke.length === 0) continue;
    context.beginPath();
    if (stroke.length === 1) {
      const [x, y] = at(stroke[0]);
      context.arc(x, y, (lineWidth * scale) / 2, 0, 2 * Math.PI);
      context.fill();
      continue;
    }
    context.moveTo(...at(stroke[0]));
    for (let i = 1; i < stroke.length; i++) context.lineTo(...at(stroke[i]));
    context.stroke();
  }
}

export interface RasterPlan {
  /** Canvas size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/**
 * Where to draw strokes so that the ink (line width included) fills a canvas whose longer side
 * is at most `maxSide` pixels. Recognition works from this small canvas, not from the screen: its
 * size does not depend on the screen's pixel ratio, and it keeps preprocessing cheap. 112 px is
 * more than five times the 20 px the digit ends up in, so area averaging still sees smooth ink.
 */
export function planRaster(strokes: readonly Stroke[], lineWidth: number, maxSide = 112): RasterPlan | null {
  const bounds = strokeBounds(strokes);
  if (!bounds) return null;
  const margin = lineWidth / 2 + 1;
  const spanX = bounds.maxX - bounds.minX + 2 * margin;
  const spanY = bounds.maxY - bounds.minY + 2 * margin;
  const scale = Math.min(1, maxSide / Math.max(spanX, spanY));
  return {
    width: Math.max(1, Math.ceil(spanX * scale)),
    height: Math.max(1, Math.ceil(spanY * scale)),
    scale,
    offsetX: (margin - bounds.minX) * scale,
    offsetY: (margin - bounds.minY) * scale,
  };
}
