import { drawStrokes, planRaster, preprocess, type Stroke } from '../digit';

type RasterContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * A small canvas reused for every recognition, owned by whoever recognises (the recognition
 * hook). `willReadFrequently` keeps it in CPU memory: it is read back on every frame of a
 * stroke, which a GPU-backed canvas makes slow.
 */
export interface Raster {
  /** The context, sized (and so cleared) to `width` x `height`. */
  sized(width: number, height: number): RasterContext;
}

export function createRaster(): Raster {
  let context: RasterContext | null = null;
  return {
    sized(width, height) {
      if (context === null) {
        const canvas =
          typeof OffscreenCanvas === 'function'
            ? new OffscreenCanvas(width, height)
            : document.createElement('canvas');
        context = canvas.getContext('2d', { willReadFrequently: true }) as RasterContext | null;
        if (context === null) throw new Error('This browser cannot draw on a 2D canvas');
      }
      // Assigning the size also clears the canvas, even when it does not change.
      context.canvas.width = width;
      context.canvas.height = height;
      return context;
    },
  };
}

/**
 * The model's 28x28 input for these strokes, or null when there is nothing to read. The strokes
 * are drawn afresh on a small transparent canvas, with the pad's own drawing function, rather
 * than read off the screen: the result does not depend on the screen's pixel ratio or the pad's
 * colours. `lineWidth` is the reading pen's (recognition passes `readingLineWidth`: the pad's pen,
 * or a thinner one for a small digit, so that it is not read as a blob).
 */
export function strokesToModelInput(
  strokes: readonly Stroke[],
  lineWidth: number,
  raster: Raster,
): Float32Array | null {
  const plan = planRaster(strokes, lineWidth);
  if (plan === null) return null;
  const context = raster.sized(plan.width, plan.height);
  drawStrokes(context, strokes, lineWidth, plan);
  return preprocess(context.getImageData(0, 0, plan.width, plan.height));
}
