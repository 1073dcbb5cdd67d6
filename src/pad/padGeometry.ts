/**
 * Stroke width as a fraction of the pad's side, clamped to [MIN, MAX] CSS px. MNIST digits are
 * pen strokes roughly a tenth as wide as the digit is tall; a person fills maybe half to
 * three-quarters of the pad, so 4.5% of the side lands near that ratio once preprocessing scales
 * the digit to 20 px. The clamp keeps the line visible on a tiny pad and not a felt marker on a
 * projector. One constant, so the pad and the model's raster draw the same width.
 */
export const LINE_WIDTH = { fractionOfPad: 0.045, min: 8, max: 28 } as const;

export function lineWidthForPad(padSide: number): number {
  const { fractionOfPad, min, max } = LINE_WIDTH;
  return Math.min(max, Math.max(min, padSide * fractionOfPad));
}

export interface BackingStoreSize {
  readonly width: number;
  readonly height: number;
}

/** Device pixels behind a canvas of the given CSS size: enough that one pixel is one pixel. */
export function backingStoreSize(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
): BackingStoreSize {
  return {
    width: Math.max(1, Math.ceil(cssWidth * devicePixelRatio)),
    height: Math.max(1, Math.ceil(cssHeight * devicePixelRatio)),
  };
}
