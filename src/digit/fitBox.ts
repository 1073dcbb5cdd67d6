import { createInkImage } from './inkImage';
import { MNIST_DIGIT_BOX, type BoundingBox, type InkImage } from './types';

/**
 * Area-averaging weights for resampling `from` samples by `scale`: output sample j covers the
 * source interval [j / scale, (j+1) / scale), and each source sample contributes by how much of it
 * lies inside. Averaging over the whole footprint is what keeps a thin 2 px line from a 400 px pad
 * from vanishing or aliasing when it is shrunk to 20 px. The output count is rounded up and the
 * last sample only partly covered, so a box one pixel wider changes the output a little, never
 * by a whole column.
 */
function areaWeights(from: number, scale: number): { start: number; weights: number[] }[] {
  const step = 1 / scale;
  const count = Math.max(1, Math.ceil(from * scale - 1e-9));
  return Array.from({ length: count }, (_, j) => {
    const begin = j * step;
    const end = Math.min(from, begin + step);
    const start = Math.floor(begin);
    const weights: number[] = [];
    for (let i = start; i < end; i++) {
      weights.push((Math.min(end, i + 1) - Math.max(begin, i)) / step);
    }
    return { start, weights };
  });
}

/**
 * Crops `box` out of `image` and resamples it so its longer side is `target` pixels, keeping the
 * aspect ratio (a "1" stays thin). Rows first, then columns: the filter is separable.
 */
export function fitBox(image: InkImage, box: BoundingBox, target = MNIST_DIGIT_BOX): InkImage {
  const boxWidth = box.right - box.left;
  const boxHeight = box.bottom - box.top;
  const scale = target / Math.max(boxWidth, boxHeight);
  const columns = areaWeights(boxWidth, scale);
  const rows = areaWeights(boxHeight, scale);
  const width = columns.length;
  const height = rows.length;

  const horizontal = new Float32Array(boxHeight * width);
  for (let y = 0; y < boxHeight; y++) {
    const sourceRow = (box.top + y) * image.width + box.left;
    for (let x = 0; x < width; x++) {
      const { start, weights } = columns[x];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * image.data[sourceRow + start + k];
      horizontal[y * width + x] = sum;
    }
  }

  const out = createInkImage(width, height);
  for (let y = 0; y < height; y++) {
    const { start, weights } = rows[y];
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * horizontal[(start + k) * width + x];
      out.data[y * width + x] = Math.min(1, sum);
    }
  }
  return out;
}
