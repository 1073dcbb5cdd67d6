import react from '@vitejs/plugin-react';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { configDefaults } from 'vitest/config';
import { earlyFetchPlugin } from './build/earlyFetchPlugin';
import { prerenderPlugin } from './build/prerenderPlugin';
import { serviceWorkerPlugin } from './build/serviceWorkerPlugin';

const require = createRequire(import.meta.url);
const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

/** Decoded size of each WASM binary: a host that gzips them sends no size the progress bar can use. */
const wasmBinaryBytes = Object.fromEntries(
  ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map(
    (name) => [name, statSync(join(wasmDist, name)).size],
  ),
);

const define = { __WASM_BINARY_BYTES__: JSON.stringify(wasmBinaryBytes) };

/** tfjs-core without what only training needs (src/model/tfjsCore.ts): for the page's build only. */
const tfjsCoreForThePage = {
  find: /^@tensorflow\/tfjs-core$/,
  replacement: fileURLToPath(new URL('src/model/tfjsCore.ts', import.meta.url)),
};

export default defineConfig(({ command }) => ({
  // Relative asset URLs: the built app works from any sub-path of a static host.
  base: './',
  plugins: [react(), prerenderPlugin({ define }), earlyFetchPlugin(), serviceWorkerPlugin()],
  define,
  // Tests and the dev server keep the whole package: training code runs there.
  resolve: { alias: command === 'build' ? [tfjsCoreForThePage] : [] },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The browser suite has its own config (vitest.e2e.config.ts): it needs a build and Chromium.
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
}));
