import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './env';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built app, served by each test file. */
    distDir: string;
  }
}

/**
 * Runs once before the end-to-end files (after the config has checked for a browser): builds the
 * app once into a temporary folder, removed afterwards. `E2E_DIST=dist` serves an existing build.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const prebuilt = process.env.E2E_DIST;
  if (prebuilt) {
    project.provide('distDir', resolve(prebuilt));
    return;
  }
  const distDir = await mkdtemp(join(tmpdir(), 'digitpad-e2e-'));
  const removeBuild = () => rm(distDir, { recursive: true, force: true });
  try {
    const started = Date.now();
    await buildApp(distDir);
    console.log(`e2e: built the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await removeBuild();
    throw error;
  }
  project.provide('distDir', distDir);
  return removeBuild;
}
