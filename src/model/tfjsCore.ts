/**
 * What the built page gets for `@tensorflow/tfjs-core` (an alias in vite.config.ts, build only,
 * for the backends' imports too): the package's `base` with the side effects it needs, which is
 * its `index.js` less the registration of every optimizer for serialisation. Optimizers are for
 * training, which the page does not do; they were 3.5 KB of its first download (gzipped).
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
export * from '@tensorflow/tfjs-core/dist/base';
