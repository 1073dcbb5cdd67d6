import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { configDefaults } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs: the built app works from any sub-path of a static host.
  base: './',
  plugins: [react()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The browser suite has its own config (vitest.e2e.config.ts): it needs a build and Chromium.
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
