import { boundingBox } from './boundingBox';
import { fitBox } from './fitBox';
import { inkFromRgba, totalInk } from './inkImage';
import { placeCentered } from './placeCentered';
import type { InkImage, PreprocessOptions, RgbaImage } from './types';

/**
 * MNIST's normalisation of an ink image: crop to the ink, scale the longer side to 20 px, centre
 * the mass in 28x28. Returns 784 values in [0, 1], row-major, or null when there is (almost) no
 * ink: an empty pad must not get a prediction.
 */
export function normalizeInk(ink: InkImage, options: PreprocessOptions = {}): Float32Array | null {
  const { inkThreshold = 0.1, minInk = 2 } = options;
  const box = boundingBox(ink, inkThreshold);
  if (!box || totalInk(ink) < minInk) return null;
  return placeCentered(fitBox(ink, box)).data;
}

/** From canvas pixels (`ImageData`, any size) to the model's 28x28 input; see `normalizeInk`. */
export function preprocess(image: RgbaImage, options: PreprocessOptions = {}): Float32Array | null {
  return normalizeInk(inkFromRgba(image, options.inkSource), options);
}
