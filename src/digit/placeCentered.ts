import { centerOfMass } from './centerOfMass';
import { createInkImage } from './inkImage';
import { MNIST_SIZE, type InkImage } from './types';

/** Bilinear sample at continuous coordinates (pixel centres at i + 0.5); outside is paper. */
export function sampleBilinear(image: InkImage, x: number, y: number): number {
  // Hot: called for every output pixel of centring and augmentation, so no closures here.
  const { width, height, data } = image;
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) return 0;
  const tx = fx - x0;
  const ty = fy - y0;
  const left = x0 >= 0;
  const right = x0 + 1 < width;
  const top = y0 >= 0;
  const bottom = y0 + 1 < height;
  const row0 = y0 * width;
  const row1 = row0 + width;
  const a = top && left ? data[row0 + x0] : 0;
  const b = top && right ? data[row0 + x0 + 1] : 0;
  const c = bottom && left ? data[row1 + x0] : 0;
  const d = bottom && right ? data[row1 + x0 + 1] : 0;
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/**
 * Places `image` on a `size` x `size` field so that its centre of mass lands on the field's
 * centre, as MNIST did. The shift is sub-pixel (bilinear), so moving a drawing by a fraction of a
 * pixel moves nothing in the output instead of jumping by a whole pixel.
 */
export function placeCentered(image: InkImage, size = MNIST_SIZE): InkImage {
  const out = createInkImage(size, size);
  const com = centerOfMass(image);
  if (!com) return out;
  const shiftX = size / 2 - com.x;
  const shiftY = size / 2 - com.y;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      out.data[y * size + x] = sampleBilinear(image, x + 0.5 - shiftX, y + 0.5 - shiftY);
    }
  }
  return out;
}
