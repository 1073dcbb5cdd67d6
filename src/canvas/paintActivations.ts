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
  /** Maps per row. */
  readonly columns: number;
}

/** Where each value goes: `channels` tiles of `height` x `width`, laid out in rows. */
export function gridOf(height: number, width: number, channels: number): Grid {
  const columns = columnsFor(channels);
  const rows = Math.ceil(channels / columns);
  return { width: columns * (width + GAP) - GAP, height: rows * (height + GAP) - GAP, columns };
}

/** The gap colour: a blue-grey line, neither response nor silence. */
const GAP_RGBA = [70, 80, 110, 255] as const;

/** Blue never quite black, so a silent map still reads as a map against the page. */
const BLUE_FLOOR = 40;

function fillGap(pixels: Uint8ClampedArray): void {
  const [red, green, blue, alpha] = GAP_RGBA;
  for (let at = 0; at < pixels.length; at += 4) {
    pixels[at] = red;
    pixels[at + 1] = green;
    pixels[at + 2] = blue;
    pixels[at + 3] = alpha;
  }
}

/**
 * One map's tile, `channel` of `values` (row-major, channels last, as tfjs holds them). Bright
 * where the layer responds most: `toLevel` takes the layer's largest value to 255, and zero or
 * less is 0; the clamped array rounds, and clips what lies above.
 */
function paintTile(
  pixels: Uint8ClampedArray,
  values: Float32Array,
  [height, width, channels]: readonly [number, number, number],
  grid: Grid,
  channel: number,
  toLevel: number,
): void {
  const left = (channel % grid.columns) * (width + GAP);
  const top = Math.floor(channel / grid.columns) * (height + GAP);
  for (let y = 0; y < height; y++) {
    let at = ((top + y) * grid.width + left) * 4;
    let i = y * width * channels + channel;
    for (let x = 0; x < width; x++, at += 4, i += channels) {
      const level = Math.max(0, values[i] * toLevel);
      pixels[at] = level;
      pixels[at + 1] = level;
      pixels[at + 2] = BLUE_FLOOR + level;
      pixels[at + 3] = 255;
    }
  }
}

/** The layer's picture as RGBA pixels, `grid.width` x `grid.height`: plain numbers, no canvas. */
export function activationPixels(
  values: Float32Array,
  shape: readonly [number, number, number],
): { grid: Grid; pixels: Uint8ClampedArray<ArrayBuffer> } {
  const grid = gridOf(...shape);
  const pixels = new Uint8ClampedArray(grid.width * grid.height * 4);
  fillGap(pixels);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  const toLevel = largest > 0 ? 255 / largest : 0;
  for (let channel = 0; channel < shape[2]; channel++)
    paintTile(pixels, values, shape, grid, channel, toLevel);
  return { grid, pixels };
}

export function paintActivations(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  shape: readonly [number, number, number],
): void {
  const { grid, pixels } = activationPixels(values, shape);
  if (canvas.width !== grid.width) canvas.width = grid.width;
  if (canvas.height !== grid.height) canvas.height = grid.height;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.putImageData(new ImageData(pixels, grid.width, grid.height), 0, 0);
}
