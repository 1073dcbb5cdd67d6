import { drawStrokes, planRaster, preprocess, type Stroke } from '../digit';

type RasterContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

let raster: RasterContext | null = null;

/**
 * One small canvas reused for every recognition. `willReadFrequently` keeps it in CPU memory:
 * it is read back on every frame of a stroke, which a GPU-backed canvas makes slow.
 */
function rasterContext(width: number, height: number): RasterContext {
  if (raster === null) {
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(width, height)
        : document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true }) as RasterContext | null;
    if (context === null) throw new Error('This browser cannot draw on a 2D canvas');
    raster = context;
  }
  // Assigning the size also clears the canvas, even when it does not change.
  raster.canvas.width = width;
  raster.canvas.height = height;
  return raster;
}

/**
 * The model's 28x28 input for these strokes, or null when there is nothing to read. The strokes
 * are drawn afresh on a small transparent canvas, with the pad's own drawing function and line
 * width, rather than read off the screen: the result does not depend on the screen's pixel ratio
 * or the pad's colours, and it is exactly what the person saw.
 */
export function strokesToModelInput(strokes: readonly Stroke[], lineWidth: number): Float32Array | null {
  const plan = planRaster(strokes, lineWidth);
  if (plan === null) return null;
  const context = rasterContext(plan.width, plan.height);
  drawStrokes(context, strokes, lineWidth, plan);
  return preprocess(context.getImageData(0, 0, plan.width, plan.height));
}
