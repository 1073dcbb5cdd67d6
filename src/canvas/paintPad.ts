import { drawStrokes } from '../digit';
import { strokesOnPad } from '../pad/clipStrokes';
import { backingStoreSize, fitScale } from '../pad/padGeometry';
import type { StrokeHistory } from '../pad/strokeHistory';

/**
 * Repaints the pad from its strokes. The backing store follows the CSS size times the pixel
 * ratio so lines stay crisp after a resize or zoom; the ink colour is the canvas's CSS `color`,
 * so it follows the light or dark scheme.
 */
export function paintPad(
  canvas: HTMLCanvasElement,
  history: StrokeHistory,
  cssSize: { readonly width: number; readonly height: number },
  pixelRatio: number,
): void {
  const context = canvas.getContext('2d');
  if (context === null || cssSize.width === 0 || cssSize.height === 0) return;
  const { width, height } = backingStoreSize(cssSize.width, cssSize.height, pixelRatio);
  // Assigning a size reallocates and clears the canvas even when it is unchanged.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  context.resetTransform();
  context.clearRect(0, 0, width, height);
  context.scale(pixelRatio, pixelRatio);
  // Strokes live in the pad's size at the time the drawing began; scale them to the pad now.
  const scale = fitScale(history.frame, cssSize);
  const ink = getComputedStyle(canvas).color;
  drawStrokes(context, strokesOnPad(history), history.lineWidth, { scale, offsetX: 0, offsetY: 0 }, ink);
}
