import { centerOfMass } from './centerOfMass';
import { createInkImage } from './inkImage';
import { MNIST_SIZE, type InkImage } from './types';

/** Bilinear sample at continuous coordinates (pixel centres at i + 0.5); outside is paper. */
export function sampleBilinear(image: InkImage, x: number, y: number): number {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (i: number, j: number) =>
    i < 0 || j < 0 || i >= image.width || j >= image.height ? 0 : image.data[j * image.width + i];
  return (
    (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) +
    (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty
  );
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
