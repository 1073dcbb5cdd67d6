import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { assertChromium, BASE_PATH, buildApp, launchChromium } from './env';
import { startStaticServer, type StaticServer } from './server';

export interface Harness {
  readonly server: StaticServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * For scripts run outside Vitest (`npx tsx test/e2e/...`): builds the app (or serves `E2E_DIST`),
 * serves it and starts Chromium, the same way the suite does. `close` undoes all of it.
 */
export async function startHarness({ gzip = false }: { gzip?: boolean } = {}): Promise<Harness> {
  assertChromium();
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let root = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : undefined;
    if (root === undefined) {
      const built = await mkdtemp(join(tmpdir(), 'digitpad-e2e-'));
      cleanups.push(() => rm(built, { recursive: true, force: true }));
      await buildApp(built);
      root = built;
    }
    const server = await startStaticServer({ root, basePath: BASE_PATH, gzip });
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    return { server, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `main` with a harness and closes it however `main` ends, Ctrl-C included. */
export async function withHarness(
  main: (harness: Harness) => Promise<void>,
  options?: { gzip?: boolean },
): Promise<void> {
  const harness = await startHarness(options);
  const interrupted = () => {
    void harness.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    await main(harness);
  } finally {
    process.off('SIGINT', interrupted);
    await harness.close();
  }
}
