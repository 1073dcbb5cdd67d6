import type { InkImage, InkSource, RgbaImage } from './types';

export function createInkImage(width: number, height: number): InkImage {
  return { width, height, data: new Float32Array(width * height) };
}

/** Reads the ink out of an RGBA image; see `InkSource` for the two conventions. */
export function inkFromRgba(image: RgbaImage, source: InkSource = 'alpha'): InkImage {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) {
    throw new Error(`RGBA image of ${width}x${height} needs ${width * height * 4} bytes, got ${data.length}`);
  }
  const ink = createInkImage(width, height);
  for (let i = 0, p = 0; i < ink.data.length; i++, p += 4) {
    if (source === 'alpha') {
      ink.data[i] = data[p + 3] / 255;
    } else {
      // Luma of the colour, composited over white where the pixel is not opaque.
      const alpha = data[p + 3] / 255;
      const luma = (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2]) / 255;
      ink.data[i] = alpha * (1 - luma);
    }
  }
  return ink;
}

/** Sum of all ink, in fully inked pixels. */
export function totalInk(image: InkImage): number {
  let sum = 0;
  for (const value of image.data) sum += value;
  return sum;
}
