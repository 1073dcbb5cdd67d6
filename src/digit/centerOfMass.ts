import type { InkImage, Point } from './types';

/**
 * Ink-weighted mean position, in continuous pixel coordinates: pixel (i, j) covers
 * [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5). Null when there is no ink.
 */
export function centerOfMass(image: InkImage): Point | null {
  const { width, height, data } = image;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = data[y * width + x];
      mass += value;
      sumX += value * (x + 0.5);
      sumY += value * (y + 0.5);
    }
  }
  return mass > 0 ? { x: sumX / mass, y: sumY / mass } : null;
}
