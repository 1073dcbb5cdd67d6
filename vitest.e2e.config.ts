import { defineConfig } from 'vitest/config';
import { assertChromium } from './test/e2e/env';

// Before anything else: without a browser nothing here can run, and saying so first is clearest.
assertChromium();

/**
 * End-to-end tests: the built app in Chromium (test/e2e). One file at a time: each drives a real
 * browser, and WebGL in software takes whole cores. `npm run test:e2e`.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 5 * 60_000,
    hookTimeout: 2 * 60_000,
    teardownTimeout: 60_000,
    slowTestThreshold: 30_000,
  },
});
