/**
 * Paints one layer's activations into a small canvas, one pixel per value, for CSS to enlarge
 * with hard edges: a layer is one canvas and one `putImageData`, however many maps it has, so a
 * network of hundreds of maps redraws after every stroke without a long task.
 */

/** Maps per row: a layer's grid is about twice as wide as tall, so it reads on a wide panel. */
export const columnsFor = (count: number) => Math.min(count, Math.ceil(Math.sqrt(count * 2)));

/** Space between maps, in value pixels: a dark line that keeps neighbours apart. */
const GAP = 1;

export interface Grid {
  readonly width: number;
  readonly height: number;
  /** Canvas pixel of value `i` (row-major, channels last, as tfjs holds them). */
  readonly pixelOf: (i: number) => number;
}

/** Where each value goes: `channels` tiles of `height` x `width`, laid out in rows. */
export function gridOf(height: number, width: number, channels: number): Grid {
  const columns = columnsFor(channels);
  const rows = Math.ceil(channels / columns);
  const canvasWidth = columns * (width + GAP) - GAP;
  return {
    width: canvasWidth,
    height: rows * (height + GAP) - GAP,
    pixelOf: (i) => {
      const channel = i % channels;
      const spot = Math.floor(i / channels);
      const x = (channel % columns) * (width + GAP) + (spot % width);
      const y = Math.floor(channel / columns) * (height + GAP) + Math.floor(spot / width);
      return y * canvasWidth + x;
    },
  };
}

/** Bright where the layer responds most: the layer's largest value is white, zero is black. */
function shade(pixels: Uint8ClampedArray, at: number, level: number): void {
  const v = Math.round(255 * Math.min(1, Math.max(0, level)));
  pixels[at * 4] = v;
  pixels[at * 4 + 1] = v;
  pixels[at * 4 + 2] = Math.min(255, 40 + v);
  pixels[at * 4 + 3] = 255;
}

/** The gap colour: a blue-grey line, neither response nor silence. */
const GAP_RGBA = [70, 80, 110, 255];

export function paintActivations(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  [height, width, channels]: readonly [number, number, number],
): void {
  const grid = gridOf(height, width, channels);
  if (canvas.width !== grid.width) canvas.width = grid.width;
  if (canvas.height !== grid.height) canvas.height = grid.height;
  const context = canvas.getContext('2d');
  if (context === null) return;
  const image = context.createImageData(grid.width, grid.height);
  for (let p = 0; p < grid.width * grid.height; p++) image.data.set(GAP_RGBA, p * 4);
  let top = 0;
  for (const value of values) top = Math.max(top, value);
  values.forEach((value, i) => shade(image.data, grid.pixelOf(i), top > 0 ? value / top : 0));
  context.putImageData(image, 0, 0);
}
