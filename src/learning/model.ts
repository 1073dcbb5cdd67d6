/**
 * The digit classifier: a small VGG-style CNN, sized for the browser. ~52k parameters, so its
 * weights quantised to 8 bits are ~52 KB; three 2x2 poolings take 28x28 to 3x3, and the last
 * layer reads that 3x3 map whole (a flatten, not a global average), because where a stroke sits
 * separates a 4 from a 9.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { MNIST_SIZE, NUM_CLASSES } from '../digit';

export interface ModelOptions {
  /** Seeds every initializer, so the same seed builds the same starting weights. */
  seed: number;
  /** Filters of the four convolutions. */
  filters?: readonly [number, number, number, number];
  /** The ten digits, or eleven outputs when the model also learns "not a digit" (`NOT_DIGIT`). */
  outputs?: number;
}

export const DEFAULT_FILTERS = [16, 32, 48, 64] as const;

export function createModel({
  seed,
  filters = DEFAULT_FILTERS,
  outputs = NUM_CLASSES,
}: ModelOptions): tfl.Sequential {
  let layerSeed = seed;
  const initializer = () => tfl.initializers.heNormal({ seed: layerSeed++ });
  const conv = (units: number, extra: { inputShape?: number[] } = {}) =>
    tfl.layers.conv2d({
      filters: units,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: initializer(),
      ...extra,
    });
  const pool = () => tfl.layers.maxPooling2d({ poolSize: 2 });

  const model = tfl.sequential({ name: 'digitpad_cnn' });
  model.add(conv(filters[0], { inputShape: [MNIST_SIZE, MNIST_SIZE, 1] }));
  model.add(conv(filters[1]));
  model.add(pool());
  model.add(conv(filters[2]));
  model.add(pool());
  model.add(conv(filters[3]));
  model.add(pool());
  model.add(tfl.layers.flatten());
  model.add(
    tfl.layers.dense({
      units: outputs,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: layerSeed++ }),
    }),
  );
  return model;
}
