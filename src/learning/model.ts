/**
 * The digit classifiers `npm run train -- --arch NAME` can build, one factory each:
 *
 * - `cnn`, the page's default: a small VGG-style CNN sized for the browser. ~52k parameters, so
 *   its weights quantised to 8 bits are ~52 KB; three 2x2 poolings take 28x28 to 3x3, and the last
 *   layer reads that 3x3 map whole (a flatten, not a global average), because where a stroke sits
 *   separates a 4 from a 9.
 * - `dense`: the 784-512-512 ReLU network of most digit-drawing apps, kept as the honest baseline:
 *   thirteen times the parameters of `cnn` and no notion that neighbouring pixels belong together.
 * - `cnn-large`: wider convolutions in pairs and a hidden dense layer, for more accuracy on real
 *   handwriting at ~5x the weights and ~3x the arithmetic of `cnn`.
 *
 * Every architecture uses only layers the page's forward pass runs (`src/model/sequentialModel.ts`)
 * with the kernels its CPU and WASM bundles register: convolution and dense with ReLU (fused),
 * max pooling, flatten (a reshape) and softmax.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { MNIST_SIZE, NUM_CLASSES } from '../digit';

export interface ModelOptions {
  /** Seeds every initializer, so the same seed builds the same starting weights. */
  seed: number;
  /** Filters of the four convolutions of `cnn`. */
  filters?: readonly [number, number, number, number];
  /** The ten digits, or eleven outputs when the model also learns "not a digit" (`NOT_DIGIT`). */
  outputs?: number;
  /** Which architecture; `cnn` when not given. */
  arch?: ArchName;
}

export const DEFAULT_FILTERS = [16, 32, 48, 64] as const;

export const ARCH_NAMES = ['cnn', 'dense', 'cnn-large'] as const;
export type ArchName = (typeof ARCH_NAMES)[number];
export const DEFAULT_ARCH: ArchName = 'cnn';

export interface Architecture {
  /** What a person reads in the catalog and a model picker. */
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  readonly build: (options: Required<Omit<ModelOptions, 'arch'>>) => tfl.Sequential;
}

export const isArchName = (value: string): value is ArchName =>
  (ARCH_NAMES as readonly string[]).includes(value);

/** Layer makers that share one seed counter, so each initializer gets its own seed in order. */
function layerMakers(seed: number) {
  let layerSeed = seed;
  const conv = (units: number, extra: { inputShape?: number[] } = {}) =>
    tfl.layers.conv2d({
      filters: units,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: layerSeed++ }),
      ...extra,
    });
  const hidden = (units: number, extra: { inputShape?: number[] } = {}) =>
    tfl.layers.dense({
      units,
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: layerSeed++ }),
      ...extra,
    });
  const output = (units: number) =>
    tfl.layers.dense({
      units,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: layerSeed++ }),
    });
  const pool = () => tfl.layers.maxPooling2d({ poolSize: 2 });
  return { conv, hidden, output, pool };
}

const INPUT_SHAPE = [MNIST_SIZE, MNIST_SIZE, 1];

function buildCnn({ seed, filters, outputs }: Required<Omit<ModelOptions, 'arch'>>): tfl.Sequential {
  const { conv, output, pool } = layerMakers(seed);
  return tfl.sequential({
    name: 'digitpad_cnn',
    layers: [
      conv(filters[0], { inputShape: INPUT_SHAPE }),
      conv(filters[1]),
      pool(),
      conv(filters[2]),
      pool(),
      conv(filters[3]),
      pool(),
      tfl.layers.flatten(),
      output(outputs),
    ],
  });
}

function buildDense({ seed, outputs }: Required<Omit<ModelOptions, 'arch'>>): tfl.Sequential {
  const { hidden, output } = layerMakers(seed);
  return tfl.sequential({
    name: 'digitpad_dense',
    layers: [tfl.layers.flatten({ inputShape: INPUT_SHAPE }), hidden(512), hidden(512), output(outputs)],
  });
}

function buildCnnLarge({ seed, outputs }: Required<Omit<ModelOptions, 'arch'>>): tfl.Sequential {
  const { conv, hidden, output, pool } = layerMakers(seed);
  return tfl.sequential({
    name: 'digitpad_cnn_large',
    layers: [
      conv(32, { inputShape: INPUT_SHAPE }),
      conv(32),
      pool(),
      conv(64),
      conv(64),
      pool(),
      conv(128),
      pool(),
      tfl.layers.flatten(),
      hidden(128),
      output(outputs),
    ],
  });
}

export const ARCHITECTURES: Readonly<Record<ArchName, Architecture>> = {
  cnn: {
    name: 'CNN',
    summary: 'the default: four 3x3 convolutions (16-32-48-64), ~53k parameters',
    build: buildCnn,
  },
  dense: {
    name: 'Dense 784-512-512',
    summary: 'the textbook baseline: two ReLU layers of 512 on the raw pixels, ~670k parameters',
    build: buildDense,
  },
  'cnn-large': {
    name: 'Large CNN',
    summary: 'five 3x3 convolutions (32-32-64-64-128) and a dense layer of 128, ~290k parameters',
    build: buildCnnLarge,
  },
};

export function createModel({
  seed,
  filters = DEFAULT_FILTERS,
  outputs = NUM_CLASSES,
  arch = DEFAULT_ARCH,
}: ModelOptions): tfl.Sequential {
  return ARCHITECTURES[arch].build({ seed, filters, outputs });
}
