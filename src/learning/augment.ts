/**
 * On-the-fly augmentation of 28x28 digits: the ways one person's "4" differs from another's on a
 * screen. Each sample is warped (rotation, scale, shear, translation), thickened or thinned, and
 * then normalised again by the app's own preprocessing, so the network only ever sees inputs of the
 * kind the app will give it (cropped, 20 px box, centred mass).
 */
import { createInkImage, MNIST_SIZE, normalizeInk, sampleBilinear, type InkImage } from '../digit';
import { uniform, type Random } from './random';

export interface AugmentOptions {
  /** Maximum rotation either way, in degrees. */
  rotation?: number;
  /** Scale range around 1, applied to x and y separately within `aspect`. */
  scale?: number;
  aspect?: number;
  /** Maximum horizontal shear (x += shear * y). */
  shear?: number;
  /** Maximum translation in pixels before re-centring (it moves ink against the crop edges). */
  translation?: number;
  /** Probability of thickening or thinning the stroke. */
  thickness?: number;
  /** Probability of leaving a sample as it is. */
  identity?: number;
}

export const DEFAULT_AUGMENT: Required<AugmentOptions> = {
  rotation: 15,
  scale: 0.15,
  aspect: 0.2,
  shear: 0.3,
  translation: 2,
  thickness: 0.5,
  identity: 0.15,
};

/** Work at twice the resolution so warping and thickening blur the digit less. */
const UPSAMPLE = 2;

/** Inverse-maps every output pixel through a random affine transform about the image centre. */
function warp(source: InkImage, random: Random, options: Required<AugmentOptions>): InkImage {
  const size = MNIST_SIZE;
  const outSize = size * UPSAMPLE;
  const angle = (uniform(random, -options.rotation, options.rotation) * Math.PI) / 180;
  const scale = 1 + uniform(random, -options.scale, options.scale);
  const aspect = 1 + uniform(random, -options.aspect, options.aspect);
  const sx = scale * Math.sqrt(aspect);
  const sy = scale / Math.sqrt(aspect);
  const shear = uniform(random, -options.shear, options.shear);
  const tx = uniform(random, -options.translation, options.translation);
  const ty = uniform(random, -options.translation, options.translation);
  // Forward: p' = R * Shear * S * (p - c) + c + t. Inverse of the 2x2 part below.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const a = cos * sx;
  const b = (cos * shear - sin) * sy;
  const c = sin * sx;
  const d = (sin * shear + cos) * sy;
  const det = a * d - b * c;
  const [ia, ib, ic, id] = [d / det, -b / det, -c / det, a / det];
  const centre = size / 2;
  const out = createInkImage(outSize, outSize);
  for (let v = 0; v < outSize; v++) {
    for (let u = 0; u < outSize; u++) {
      const px = (u + 0.5) / UPSAMPLE - centre - tx;
      const py = (v + 0.5) / UPSAMPLE - centre - ty;
      const x = ia * px + ib * py + centre;
      const y = ic * px + id * py + centre;
      out.data[v * outSize + u] = sampleBilinear(source, x, y);
    }
  }
  return out;
}

/** Grey-scale dilation (`grow`) or erosion, blended in by `amount` in [0, 1]. */
function morph(image: InkImage, grow: boolean, amount: number): InkImage {
  const { width, height, data } = image;
  const out = createInkImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let extreme = data[y * width + x];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const i = x + dx;
          const j = y + dy;
          const value = i < 0 || j < 0 || i >= width || j >= height ? 0 : data[j * width + i];
          extreme = grow ? Math.max(extreme, value) : Math.min(extreme, value);
        }
      }
      const index = y * width + x;
      out.data[index] = data[index] + amount * (extreme - data[index]);
    }
  }
  return out;
}

/**
 * One random variant of a 28x28 digit (values in [0, 1]). Returns the input itself when the
 * variant lost all its ink, so a label never points at an empty image.
 */
export function augmentDigit(
  digit: Float32Array,
  random: Random,
  options: AugmentOptions = {},
): Float32Array {
  const settings = { ...DEFAULT_AUGMENT, ...options };
  if (random() < settings.identity) return digit;
  let image = warp({ width: MNIST_SIZE, height: MNIST_SIZE, data: digit }, random, settings);
  if (random() < settings.thickness) {
    image = morph(image, random() < 0.5, uniform(random, 0.3, 1));
  }
  return normalizeInk(image, { minInk: 1 }) ?? digit;
}
