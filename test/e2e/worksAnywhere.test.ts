import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { writePrecacheManifest } from '../../build/serviceWorkerPlugin';
import { BASE_PATH } from './env';
import { PadPage } from './padPage';
import type { Stroke } from './pointers';
import { startStaticServer, type StaticServer } from './server';
import { DESKTOP, argmax, e2eSuite, maxDifference } from './suite';

const suite = e2eSuite();

/** Waits until the page's service worker has installed everything and is active. */
async function serviceWorkerActive(page: Page): Promise<void> {
  // waitForFunction would take the predicate's promise itself for a truthy answer: poll instead.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), {
      timeout: 60_000,
      interval: 100,
    })
    .toBe('activated');
}

/** Offline as Chromium's DevTools make it, for the page and (through Playwright) its workers. */
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await context.setOffline(true);
}

/** A "7": a bar and a slanted stem, in pad CSS px. */
function seven(width: number, height: number): Stroke[] {
  const points = (from: [number, number], to: [number, number], steps = 12) =>
    Array.from({ length: steps + 1 }, (_, i) => ({
      x: width * (from[0] + ((to[0] - from[0]) * i) / steps),
      y: height * (from[1] + ((to[1] - from[1]) * i) / steps),
    }));
  return [[...points([0.3, 0.25], [0.7, 0.25]), ...points([0.7, 0.25], [0.45, 0.8]).slice(1)]];
}

async function readSeven(app: PadPage): Promise<number[]> {
  const { width, height } = await app.padBox();
  await app.drawAndRead('mouse', seven(width, height));
  const probabilities = await app.probabilities();
  await app.clear();
  return probabilities;
}

describe('offline after one visit', () => {
  it('reloads with the network off, served by the service worker, and reads a digit', async () => {
    const app = await suite.open();
    await serviceWorkerActive(app.page);
    const online = await readSeven(app);

    await goOffline(app.page.context(), app.page);
    const requestsBefore = suite.server.served.length;
    await app.page.reload();
    await app.modelReady();
    // navigator.onLine is not asked: Chromium 156 reports true after a reload under
    // context.setOffline. The server's log below is the proof that nothing went over the network.
    const offline = await readSeven(app);

    expect(argmax(offline)).toBe(argmax(online));
    expect(maxDifference(offline, online)).toBeLessThan(1e-4);
    // Nothing reached the server: the page, its code, the WASM binary and the model came from the cache.
    expect(suite.server.served.slice(requestsBefore)).toEqual([]);
  });
});

describe('offline before the page was ever saved', () => {
  it('says the person is offline, not that the site is broken', async () => {
    suite.server.fail('models/cnn/model.json', { kind: 'status', status: 404 });
    const app = await suite.open({ waitFor: 'settled', expectedConsoleErrors: [/status of 404/, /ERR_/] });
    expect(await app.status.getAttribute('data-state')).toBe('error');
    suite.server.restore();

    await goOffline(app.page.context(), app.page);
    await app.page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
    // The retry's own failure replaces the 404's message.
    await expect.poll(() => app.alertText(), { timeout: 60_000 }).toMatch(/you are offline/i);
    const shown = await app.alertText();
    expect(shown).not.toMatch(/missing|damaged/i);
    expect(await app.focused()).toBe('Retry');
  });
});

describe('with scripts blocked', () => {
  it('shows the pad, the explanation and a noscript message from the HTML alone', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(suite.server.url);
      const pad = page.getByRole('img', { name: 'Drawing pad' });
      const box = await pad.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeCloseTo(box?.width ?? 0, 0);
      // Playwright turns scripts off with CDP, which leaves the HTML parser treating <noscript> as
      // text, so the message is checked in the markup; a browser with scripts off renders it.
      expect(await page.locator('noscript').textContent()).toContain('JavaScript is off');
      expect(await page.getByText('Draw a digit or a whole number.').isVisible()).toBe(true);
      expect(await page.getByTestId('model-status').getAttribute('data-state')).toBe('loading');
    } finally {
      await context.close();
    }
  });
});

describe('a new deployment at the same URL', () => {
  let root: string;
  let server: StaticServer;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'digitpad-deploy-'));
    await cp(inject('distDir'), root, { recursive: true });
    server = await startStaticServer({ root, basePath: BASE_PATH });
  });

  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  /**
   * Deploys "version B" over the served folder: new code (the entry script marks the page) and a
   * new model (the output layer's bias scaled up, so one digit wins everywhere), then the service
   * worker's file list, as the build writes it. Returns the digit model B favours.
   */
  async function deployVersionB(): Promise<number> {
    const assets = await readdir(join(root, 'assets'));
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const entry = /src="\.\/assets\/(index-[^"]+\.js)"/.exec(html)?.[1];
    if (entry === undefined || !assets.includes(entry)) throw new Error('no entry script in index.html');
    await writeFile(
      join(root, 'assets', entry),
      `${await readFile(join(root, 'assets', entry), 'utf8')}\n;document.documentElement.dataset.build = 'B';\n`,
    );

    const modelFile = join(root, 'models/cnn/model.json');
    const model = JSON.parse(await readFile(modelFile, 'utf8')) as {
      weightsManifest: {
        paths: string[];
        weights: { name: string; shape: number[]; quantization: { scale: number } }[];
      }[];
    };
    const [group] = model.weightsManifest;
    const bias = group.weights.at(-1)!;
    expect(bias.name).toMatch(/dense.*bias/);
    // One step of the stored byte becomes a logit of 1: the largest byte outweighs any drawing.
    bias.quantization.scale = 1;
    await writeFile(modelFile, JSON.stringify(model));
    // The output bias is the last weight: its bytes (one per output) end the weight file. The
    // page's bars are the ten digits, so B favours the digit with the largest byte among them.
    const weightFile = join(root, 'models/cnn', group.paths.at(-1)!);
    const weights = await readFile(weightFile);
    const outputs = bias.shape[0];
    // Outputs after the ten digits ("not a digit") get the smallest byte, so B reads a digit.
    weights.fill(0, weights.length - outputs + 10);
    await writeFile(weightFile, weights);
    await writePrecacheManifest(root);
    return argmax(Array.from(weights.subarray(weights.length - outputs, weights.length - outputs + 10)));
  }

  it('offers "Update available", keeps the old code with the old model until accepted, then runs the new pair', async () => {
    context = await suite.browser.newContext({ viewport: DESKTOP });
    const app = await PadPage.open(context, server.url);
    await app.modelReady();
    await serviceWorkerActive(app.page);
    await app.page.reload();
    await app.modelReady();
    expect(await app.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const versionA = await readSeven(app);
    const build = () => app.page.evaluate(() => document.documentElement.dataset.build ?? 'A');

    const favouredByB = await deployVersionB();
    await app.page.reload();
    await app.modelReady();
    const update = app.page.getByRole('button', { name: 'Update now' });
    await update.waitFor({ timeout: 60_000 });
    expect(await app.page.getByText('Update available').isVisible()).toBe(true);

    // Until the person accepts, the page is version A throughout: its code and its model.
    expect(await build()).toBe('A');
    expect(maxDifference(await readSeven(app), versionA)).toBeLessThan(1e-4);

    await Promise.all([app.page.waitForEvent('load', { timeout: 60_000 }), update.click()]);
    await app.modelReady();
    expect(await build()).toBe('B');
    const versionB = await readSeven(app);
    expect(argmax(versionB)).toBe(favouredByB);
    expect(maxDifference(versionB, versionA)).toBeGreaterThan(0.1);
    // Version A's cache is gone once B took over.
    expect(await app.page.evaluate(async () => (await caches.keys()).length)).toBe(1);
    expect(app.watch.unexpectedErrors()).toEqual([]);
    expect(app.watch.foreignRequests(server.origin)).toEqual([]);
  });
});
