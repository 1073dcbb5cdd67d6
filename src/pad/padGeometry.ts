/**
 * Stroke width as a fraction of the pad's side, clamped to [MIN, MAX] CSS px. MNIST digits are
 * pen strokes roughly a tenth as wide as the digit is tall; a person fills maybe half to
 * three-quarters of the pad, so 4.5% of the side lands near that ratio once preprocessing scales
 * the digit to 20 px. The clamp keeps the line visible on a tiny pad and not a felt marker on a
 * projector. One constant, so the pad and the model's raster draw the same width.
 */
export const LINE_WIDTH = { fractionOfPad: 0.045, min: 8, max: 28 } as const;

/** A pad's CSS size: square on a phone held upright, wider than tall where a number needs room. */
export interface PadSize {
  readonly width: number;
  readonly height: number;
}

export const shorterSide = ({ width, height }: PadSize) => Math.min(width, height);

/**
 * How much bigger a drawing made on a pad of size `frame` is shown on a pad of size `pad`: as
 * big as fits whole, so a pad resized or turned on its side shows every stroke, none cropped.
 */
export function fitScale(frame: PadSize, pad: PadSize): number {
  if (frame.width <= 0 || frame.height <= 0 || pad.width <= 0 || pad.height <= 0) return 1;
  return Math.min(pad.width / frame.width, pad.height / frame.height);
}

/** The pen for a pad whose shorter side is `padSide`: a wide pad draws as a square one of its height. */
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
