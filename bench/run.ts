/**
 * `npm run bench [-- --runs 5 --digits 20 --data-dir DIR --out FILE --skip-training]`
 *
 * Builds the app (or serves `E2E_DIST`), serves it gzipped on 127.0.0.1 as a static host does,
 * drives headless Chromium and prints one table (and writes a JSON file): every byte of the
 * requests a first visit makes before its first answer (JS, CSS, HTML, WASM, model; a request
 * counts by its Resource Timing start) and of those it makes after it until the hand-over to the
 * best backend ends, first visits on emulated Slow 3G and Fast 3G (pad painted, pad takes ink,
 * first answer to a digit drawn at once), a repeat visit with the network off served by the
 * service worker, time to ready, pointerup-to-prediction latency per backend on real pen digits,
 * prediction updates and long tasks while drawing (the first stroke of a visit, and a stroke after
 * the hand-over), a saved correction to adapted answers (and the long tasks on the way), and
 * training throughput. Every figure is the median over `--runs` runs;
 * each run also measures a reference in the same conditions, and the ratio is what to compare
 * across machines. Benchmarks are not tests: nothing in `npm test` depends on these numbers.
 *
 * First visits run in browser contexts with service workers blocked (Playwright's
 * `serviceWorkers: 'block'`): Chromium's network emulation throttles the page's requests but not a
 * worker's, and a first visit has no worker yet anyway.
 */
import { createRandom } from '../src/learning/random';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { BACKENDS } from '../src/model/backendChoice';
import { PadPage } from '../test/e2e/padPage';
import {
  heldOut,
  loadPenDigits,
  randomPlacement,
  stratifiedSample,
  strokesFor,
  TIDY_PLACEMENT,
  type PenDigit,
} from '../test/e2e/pendigits';
import { withHarness } from '../test/e2e/standalone';
import { DESKTOP } from '../test/e2e/suite';
import { PROBE_SCRIPT, type ProbeData } from './pageProbe';
import { measureTrainingThroughput, type ThroughputResult } from './trainingThroughput';

export interface BenchArgs {
  readonly runs: number;
  readonly digits: number;
  readonly dataDir: string;
  readonly out: string;
  readonly skipTraining: boolean;
}

/** A bad command line: the message is one line that says which flag and what it needs. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new BenchUsageError(`--${flag} needs a whole number >= 1, got "${text}"`);
  return value;
}

/** Reads the bench's flags; throws `BenchUsageError` on an unknown flag or a bad value. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        runs: { type: 'string' },
        digits: { type: 'string' },
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        'skip-training': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message.split('\n')[0]);
  }
  if (values['data-dir'] === '') throw new BenchUsageError('--data-dir needs a folder');
  if (values.out === '') throw new BenchUsageError('--out needs a file name');
  return {
    runs: positiveInteger('runs', values.runs, 5),
    digits: positiveInteger('digits', values.digits, 20),
    dataDir:
      values['data-dir'] ?? (existsSync('../shared/data/mnist') ? '../shared/data/mnist' : 'data/mnist'),
    out: values.out ?? '.bench/results.json',
    skipTraining: values['skip-training'] ?? false,
  };
}

type Backend = (typeof BACKENDS)[number];

const BUDGETS = {
  firstVisitKilobytes: 200,
  slow3gPadPaintedMs: 1500,
  slow3gFirstAnswerMs: 5500,
  offlineReadyMs: 400,
  firstLoadKilobytes: 170,
  weightKilobytes: 60,
  readyMs: 400,
  latencyMedianMs: 5,
  latencyP95Ms: 16,
  updatesPerSecond: 30,
  longestTaskMs: 50,
  adaptedMs: 1000,
};

/** Drawings a teaching run saves with their digit keys: one of each of five digits. */
const TAUGHT = 5;

const median = (values: readonly number[]) => percentile(values, 50);
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const probeOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { benchProbe: ProbeData }).benchProbe);

/**
 * The backend the page runs on once its hand-over after the first answer has ended; null for a
 * build without the hook (a before/after comparison with an older build).
 */
const settledBackend = (page: Page) =>
  page.evaluate(async () => {
    const hook = (window as unknown as { __digitpad?: { settledBackend?(): Promise<string> } }).__digitpad;
    return hook?.settledBackend ? hook.settledBackend() : null;
  });

type Kind = 'js' | 'css' | 'model' | 'weights' | 'wasm' | 'html' | 'other';
function kindOf(url: string): Kind {
  const path = new URL(url).pathname;
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.bin')) return 'weights';
  if (path.endsWith('model.json')) return 'model';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('/') || path.endsWith('.html')) return 'html';
  return 'other';
}

interface Bytes {
  raw: number;
  gzip: number;
}

interface LoadRun {
  readyMs: number;
  domContentLoadedMs: number;
  firstPredictionMs: number;
  bytes: Record<Kind, Bytes>;
  /** The backend that gave the first answer. */
  firstAnswerBackend: string;
  /** The backend in use once the page has handed over after its first answer. */
  backend: string;
}

async function newPage(browser: Browser, url: string) {
  // No service worker: its background precaching would compete with what is measured.
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const app = await PadPage.open(context, url);
  return { context, app };
}

/** A cold load with the default backend: what it downloads, when it is ready, the first answer. */
async function loadRun(browser: Browser, url: string, digit: PenDigit): Promise<LoadRun> {
  // No service worker: its background precaching would compete with what is measured.
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const bodies: Promise<{ kind: Kind; body: Buffer } | null>[] = [];
  const seen = new Set<string>();
  context.on('response', (response) => {
    // Once per file: the WASM binary is fetched by the progress tracker, then read again by the
    // backend from the HTTP cache, and a cache hit is a response too.
    if (seen.has(response.url())) return;
    seen.add(response.url());
    bodies.push(
      response.body().then(
        (body) => ({ kind: kindOf(response.url()), body }),
        () => null,
      ),
    );
  });
  try {
    const app = await PadPage.open(context, url);
    await app.modelReady();
    const loaded = (await Promise.all(bodies)).filter((b) => b !== null);
    const bytes = Object.fromEntries(
      (['js', 'css', 'model', 'weights', 'wasm', 'html', 'other'] as Kind[]).map((kind) => {
        const files = loaded.filter((b) => b.kind === kind);
        return [
          kind,
          {
            raw: files.reduce((sum, f) => sum + f.body.length, 0),
            gzip: files.reduce((sum, f) => sum + gzipSync(f.body, { level: 9 }).length, 0),
          },
        ];
      }),
    ) as Record<Kind, Bytes>;
    const strokes = strokesFor(digit, await app.padBox(), randomPlacement(createRandom(1)));
    await app.drawAndRead('mouse', strokes);
    const probe = await probeOf(app.page);
    const firstAnswerBackend = probe.firstAnswerBackend ?? (await app.backend());
    return {
      readyMs: probe.readyAt ?? NaN,
      domContentLoadedMs: probe.domContentLoadedAt ?? NaN,
      firstPredictionMs: probe.latencies.at(-1) ?? NaN,
      bytes,
      firstAnswerBackend,
      backend: (await settledBackend(app.page)) ?? firstAnswerBackend,
    };
  } finally {
    await context.close();
  }
}

interface LatencyRun {
  backend: Backend;
  latencies: number[];
  /** The bare model call, awaited, on the same page: the reference for the latencies. */
  bareClassifyMs: number;
}

/** The last stroke of each digit alone, pointerup to shown result, on one backend. */
async function latencyRun(
  browser: Browser,
  url: string,
  backend: Backend,
  digits: readonly PenDigit[],
): Promise<LatencyRun> {
  const { context, app } = await newPage(browser, `${url}?backend=${backend}`);
  try {
    await app.modelReady();
    const pad = await app.padBox();
    const placements = createRandom(7);
    const latencies: number[] = [];
    for (const digit of digits) {
      const strokes = strokesFor(digit, pad, randomPlacement(placements));
      if (strokes.length > 1) await app.drawAndRead('mouse', strokes.slice(0, -1));
      await app.drawAndRead('mouse', strokes.slice(-1), strokes.length - 1);
      latencies.push((await probeOf(app.page)).latencies.at(-1) ?? NaN);
      await app.clear();
    }
    const bareClassifyMs = await app.page.evaluate(async () => {
      const diagnostics = (
        window as unknown as { __digitpad?: { classify?(i: Float32Array): Promise<Float32Array> } }
      ).__digitpad;
      // Builds from before the hook existed (for a before/after comparison) have no reference.
      if (!diagnostics?.classify) return NaN;
      const input = Float32Array.from({ length: 784 }, (_, i) => (i % 29 < 4 ? 1 : 0));
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        await diagnostics.classify(input);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[15];
    });
    return { backend, latencies, bareClassifyMs };
  } finally {
    await context.close();
  }
}

interface DrawingRun {
  seconds: number;
  /** Pointer moves sent per second. */
  movesPerSecond: number;
  updatesPerSecond: number;
  /** Animation frames per second over the same stroke: the reference for updates. */
  framesPerSecond: number;
  longestTaskMs: number;
  longestFrameGapMs: number;
  /** The backend the stroke was read on. */
  backend: string;
  /** The first stroke of a visit, or one drawn once the hand-over after a first answer ended. */
  afterHandOver: boolean;
}

/**
 * One long stroke drawn in real time (a move every 16 ms for 2.4 s), as a hand draws: the first
 * of the visit (read on the backend the page answers first on), or, `afterHandOver`, drawn once a
 * first digit has been answered and the page has moved to its best backend.
 */
async function drawingRun(browser: Browser, url: string, afterHandOver: boolean): Promise<DrawingRun> {
  const { context, app } = await newPage(browser, url);
  try {
    await app.modelReady();
    const box = await app.padBox();
    if (afterHandOver) {
      const tick = (x: number) => ({ x: box.width * x, y: box.height * 0.5 });
      await app.drawAndRead('mouse', [[tick(0.3), tick(0.5), tick(0.7)]]);
      await settledBackend(app.page);
      await app.clear();
    }
    const backend = await app.backend();
    const cdp = await context.newCDPSession(app.page);
    const at = (t: number) => ({
      x: box.x + box.width * (0.5 + 0.3 * Math.sin(2 * Math.PI * t)),
      y: box.y + box.height * (0.5 + 0.3 * Math.sin(4 * Math.PI * t)),
    });
    const mouse = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', t: number, buttons: number) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        ...at(t),
        button: 'left',
        buttons,
        clickCount: type === 'mouseMoved' ? 0 : 1,
      });
    const steps = 150;
    await mouse('mousePressed', 0, 1);
    const started = await app.page.evaluate(() => performance.now());
    // A move every 1/60 s on a fixed clock, as a 60 Hz digitiser sends them: waiting a fixed
    // time after each move would add the protocol's round trip and slow the hand down.
    const clock = performance.now();
    for (let i = 1; i <= steps; i++) {
      await mouse('mouseMoved', i / steps, 1);
      const wait = clock + (i * 1000) / 60 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const ended = await app.page.evaluate(() => performance.now());
    await mouse('mouseReleased', 1, 0);
    await app.resultFor(1);
    const probe = await probeOf(app.page);
    const within = (t: number) => t >= started && t <= ended;
    const seconds = (ended - started) / 1000;
    const frames = probe.frames.filter(within);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]);
    return {
      seconds,
      movesPerSecond: steps / seconds,
      updatesPerSecond: probe.probabilityUpdates.filter(within).length / seconds,
      framesPerSecond: frames.length / seconds,
      longestTaskMs: Math.max(
        0,
        ...probe.longTasks
          .filter((task) => task.start + task.duration >= started && task.start <= ended)
          .map((task) => task.duration),
      ),
      longestFrameGapMs: Math.max(0, ...gaps),
      backend,
      afterHandOver,
    };
  } finally {
    await context.close();
  }
}

interface TeachingRun {
  /** Per saved drawing: the key press to the adapted memory holding it (the next answer uses it). */
  adaptedMs: number[];
  /** Per saved drawing: the key press to the output layer refitted in its worker, it included. */
  tunedMs: number[];
  /** The longest main-thread task from a key press to its refitted layer; 0 when none ran over 50 ms. */
  longestTaskMs: number;
}

type KeyPressTimes = { pressed: number; adapted: number; tuned: number };

/**
 * Times, in the page, one key press that saves the drawing: until it is remembered, and refitted.
 * The watch is set up before the key is pressed: CDP may deliver the key before a script sent
 * with it has run.
 */
async function timeKeyPress(page: Page, label: number, count: number): Promise<KeyPressTimes> {
  await page.evaluate((n) => {
    const panel = document.querySelector('[data-testid="adaptation"]')!;
    const times = { pressed: NaN, adapted: NaN, tuned: NaN };
    const done = new Promise<KeyPressTimes>((resolve) => {
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const observer = new MutationObserver(() => {
        if (Number.isNaN(times.adapted) && Number(panel.getAttribute('data-examples')) >= n)
          times.adapted = performance.now();
        if (Number.isNaN(times.adapted) || Number(panel.getAttribute('data-tuned')) < n) return;
        times.tuned = performance.now();
        observer.disconnect();
        resolve(times);
      });
      observer.observe(panel, { attributes: true });
    });
    addEventListener('keydown', (event) => (times.pressed = event.timeStamp), { once: true, capture: true });
    (window as unknown as { keyPressTimes: Promise<KeyPressTimes> }).keyPressTimes = done;
  }, count);
  await page.keyboard.press(String(label));
  return page.evaluate(() => (window as unknown as { keyPressTimes: Promise<KeyPressTimes> }).keyPressTimes);
}

/**
 * A person correcting the page, on WASM as issue 11 measures it: each digit drawn, read, and
 * saved with its digit key; the key press to adapted answers and to the refitted output layer.
 */
async function teachingRun(browser: Browser, url: string, digits: readonly PenDigit[]): Promise<TeachingRun> {
  const { context, app } = await newPage(browser, `${url}?backend=wasm`);
  try {
    await app.modelReady();
    const run: TeachingRun = { adaptedMs: [], tunedMs: [], longestTaskMs: 0 };
    for (const [n, digit] of digits.entries()) {
      await app.drawAndRead('mouse', strokesFor(digit, await app.padBox(), TIDY_PLACEMENT));
      const { pressed, adapted, tuned } = await timeKeyPress(app.page, digit.label, n + 1);
      run.adaptedMs.push(adapted - pressed);
      run.tunedMs.push(tuned - pressed);
      for (const task of (await probeOf(app.page)).longTasks)
        if (task.start + task.duration >= pressed && task.start <= tuned)
          run.longestTaskMs = Math.max(run.longestTaskMs, task.duration);
    }
    return run;
  } finally {
    await context.close();
  }
}

/** A network as Chromium's DevTools emulate it: per-request latency and a shared throughput. */
interface NetworkProfile {
  readonly name: string;
  readonly kilobitsPerSecond: number;
  readonly roundTripMs: number;
}

/** The Slow 3G, and Lighthouse's Fast 3G (1.6 Mbit/s, 150 ms). */
const NETWORKS: readonly NetworkProfile[] = [
  { name: 'Slow 3G', kilobitsPerSecond: 400, roundTripMs: 400 },
  { name: 'Fast 3G', kilobitsPerSecond: 1600, roundTripMs: 150 },
];

async function emulate(cdp: CDPSession, network: NetworkProfile | null): Promise<void> {
  const bytesPerSecond = network === null ? -1 : (network.kilobitsPerSecond * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network?.roundTripMs ?? 0,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

interface FirstVisitRun {
  network: string;
  /**
   * Bytes on the wire (gzipped where the server compresses), by kind, of every request the page
   * sent before its first answer.
   */
  wire: Record<Kind, number>;
  /**
   * The same for requests sent after the first answer until the hand-over to the best backend
   * ended (measured on localhost only; null elsewhere): what the page downloads next.
   */
  wireAfter: Record<Kind, number> | null;
  firstAnswerBackend: string;
  /** The backend in use once the hand-over ended (localhost only; else as at the first answer). */
  settledBackend: string;
  padPaintedMs: number;
  padTakesInkMs: number;
  firstContentfulPaintMs: number;
  firstAnswerMs: number;
  readyMs: number;
}

/**
 * A first visit as a new person makes it: a fresh context, no service worker, the page opened on
 * `network`, a digit drawn the moment the pad takes ink, and its answer awaited. Counts every
 * byte the page received until then, as Chromium's network layer reports it.
 */
async function firstVisitRun(
  browser: Browser,
  url: string,
  digit: PenDigit,
  network: NetworkProfile | null,
): Promise<FirstVisitRun> {
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  await context.addInitScript({ content: PROBE_SCRIPT });
  try {
    const app = await PadPage.open(context, 'about:blank');
    const cdp = await context.newCDPSession(app.page);
    await cdp.send('Network.enable');
    await emulate(cdp, network);
    const urls = new Map<string, string>();
    const wireBytes: { url: string; bytes: number }[] = [];
    cdp.on('Network.responseReceived', ({ requestId, response }) => urls.set(requestId, response.url));
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const requested = urls.get(requestId);
      if (requested !== undefined) wireBytes.push({ url: requested, bytes: encodedDataLength });
    });

    await app.page.goto(url, { waitUntil: 'commit' });
    await app.page.waitForFunction(
      () => (window as unknown as { benchProbe: ProbeData }).benchProbe.padTakesInkAt !== null,
      null,
      { timeout: 120_000, polling: 'raf' },
    );
    const strokes = strokesFor(digit, await app.padBox(), randomPlacement(createRandom(1)));
    await app.drawAndRead('mouse', strokes);
    const probe = await probeOf(app.page);
    const answeredAt = probe.firstAnswerAt ?? NaN;
    const firstAnswerBackend = probe.firstAnswerBackend ?? (await app.backend());
    // What was asked for before the first answer, and what after it (the hand-over): by each
    // file's Resource Timing start, on the page's own clock. The page itself has no entry.
    const startedAt = async () =>
      new Map(
        (
          await app.page.evaluate(() =>
            performance.getEntriesByType('resource').map((entry) => [entry.name, entry.startTime] as const),
          )
        ).toReversed(), // the first request for a URL wins
      );
    const byKind = (started: Map<string, number>, before: boolean) => {
      const counted = wireBytes.filter((b) => (started.get(b.url) ?? 0) <= answeredAt === before);
      const kinds: Kind[] = ['js', 'css', 'model', 'weights', 'wasm', 'html', 'other'];
      return Object.fromEntries(
        kinds.map((kind) => [
          kind,
          counted.filter((b) => kindOf(b.url) === kind).reduce((sum, b) => sum + b.bytes, 0),
        ]),
      ) as Record<Kind, number>;
    };
    const wire = byKind(await startedAt(), true);
    let settled = firstAnswerBackend;
    let wireAfter: Record<Kind, number> | null = null;
    if (network === null) {
      settled = (await settledBackend(app.page)) ?? firstAnswerBackend;
      await new Promise((resolve) => setTimeout(resolve, 500)); // the last loadingFinished events
      wireAfter = byKind(await startedAt(), false);
    }
    return {
      network: network?.name ?? 'localhost',
      wire,
      wireAfter,
      firstAnswerBackend,
      settledBackend: settled,
      padPaintedMs: probe.padPaintedAt ?? NaN,
      padTakesInkMs: probe.padTakesInkAt ?? NaN,
      firstContentfulPaintMs: probe.firstContentfulPaintAt ?? NaN,
      firstAnswerMs: probe.firstAnswerAt ?? NaN,
      readyMs: probe.readyAt ?? NaN,
    };
  } finally {
    await context.close();
  }
}

interface RepeatVisitRun {
  /** Navigation to ready, with the network off and everything served by the service worker. */
  offlineReadyMs: number | null;
  offlinePadPaintedMs: number;
  /** The same reload online, for reference. */
  onlineReadyMs: number;
  /** Why the offline visit failed, for a build without a service worker. */
  failure: string | null;
}

/** Whether the page's service worker is installed and active, waiting up to 30 s for it. */
async function serviceWorkerActivated(page: Page): Promise<boolean> {
  for (let waited = 0; waited < 30_000; waited += 200) {
    const state = await page.evaluate(
      async () => (await navigator.serviceWorker?.getRegistration())?.active?.state,
    );
    if (state === 'activated') return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Visit, let the service worker install, then reload online (reference) and offline. */
async function repeatVisitRun(browser: Browser, url: string): Promise<RepeatVisitRun> {
  const context: BrowserContext = await browser.newContext({ viewport: DESKTOP });
  await context.addInitScript({ content: PROBE_SCRIPT });
  try {
    const app = await PadPage.open(context, url);
    await app.modelReady();
    await serviceWorkerActivated(app.page);
    await app.page.reload();
    await app.modelReady();
    const onlineReadyMs = (await probeOf(app.page)).readyAt ?? NaN;
    const cdp = await context.newCDPSession(app.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await context.setOffline(true);
    try {
      await app.page.reload();
      await app.modelReady();
    } catch (error) {
      return {
        offlineReadyMs: null,
        offlinePadPaintedMs: NaN,
        onlineReadyMs,
        failure: String(error).split('\n')[0],
      };
    }
    const probe = await probeOf(app.page);
    return {
      offlineReadyMs: probe.readyAt ?? NaN,
      offlinePadPaintedMs: probe.padPaintedAt ?? NaN,
      onlineReadyMs,
      failure: null,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (value: number, reference: number) =>
  reference > 0 ? `${(value / reference).toFixed(2)}x` : '-';
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

async function runBench(args: BenchArgs): Promise<void> {
  const { runs: RUNS, digits: DIGITS } = args;
  await withHarness(
    async ({ server, browser }) => {
      const held = heldOut(await loadPenDigits());
      const sample = stratifiedSample(held, Math.ceil(DIGITS / 10), 3).slice(0, DIGITS);
      const loads: LoadRun[] = [];
      const visits: FirstVisitRun[] = [];
      const cpuVisits: FirstVisitRun[] = [];
      const repeats: RepeatVisitRun[] = [];
      const latencies: LatencyRun[] = [];
      const drawings: DrawingRun[] = [];
      const teachings: TeachingRun[] = [];
      for (let run = 1; run <= RUNS; run++) {
        process.stderr.write(`run ${run}/${RUNS}\n`);
        const digit = sample[run % sample.length];
        for (const network of [null, ...NETWORKS])
          visits.push(await firstVisitRun(browser, server.url, digit, network));
        // What starting on the CPU backend would cost instead (an option, not what the page does).
        cpuVisits.push(await firstVisitRun(browser, `${server.url}?backend=cpu`, digit, null));
        repeats.push(await repeatVisitRun(browser, server.url));
        loads.push(await loadRun(browser, server.url, digit));
        for (const backend of BACKENDS)
          latencies.push(await latencyRun(browser, server.url, backend, sample));
        for (const afterHandOver of [false, true])
          drawings.push(await drawingRun(browser, server.url, afterHandOver));
        teachings.push(await teachingRun(browser, server.url, sample.slice(0, TAUGHT)));
      }
      const training: ThroughputResult[][] = [];
      if (!args.skipTraining) {
        process.stderr.write('training throughput\n');
        for (let run = 0; run < Math.min(RUNS, 3); run++)
          training.push(await measureTrainingThroughput(args.dataDir));
      }

      const rows: string[][] = [['measure', 'median', 'reference (same run)', 'ratio', 'budget', '']];
      const on = (network: string) => visits.filter((v) => v.network === network);
      const wireTotal = (v: FirstVisitRun) => Object.values(v.wire).reduce((sum, bytes) => sum + bytes, 0);
      const local = on('localhost');
      const firstVisitBytes = median(local.map(wireTotal));
      rows.push([
        'first visit: every byte before the first answer',
        `${kb(firstVisitBytes)} on the wire (gzip)`,
        '',
        '',
        `<= ${BUDGETS.firstVisitKilobytes} KB`,
        verdict(firstVisitBytes <= BUDGETS.firstVisitKilobytes * 1024),
      ]);
      for (const kind of ['js', 'css', 'html', 'wasm', 'model', 'weights', 'other'] as Kind[]) {
        const bytes = median(local.map((v) => v.wire[kind]));
        if (bytes > 0) rows.push([`  of which ${kind}`, kb(bytes), '', '', '', '']);
      }
      rows.push([
        '  backend of the first answer, then after the hand-over',
        `${local[0].firstAnswerBackend}, then ${local[0].settledBackend}`,
        '',
        '',
        '',
        '',
      ]);
      const after = local.map((v) => v.wireAfter).filter((w): w is Record<Kind, number> => w !== null);
      const afterTotal = median(after.map((w) => Object.values(w).reduce((sum, bytes) => sum + bytes, 0)));
      if (afterTotal > 0) {
        const parts = (['js', 'wasm', 'other'] as Kind[])
          .map((kind) => `${kind} ${kb(median(after.map((w) => w[kind])))}`)
          .join(', ');
        rows.push([
          `after the first answer, until the hand-over ends`,
          `${kb(afterTotal)} (${parts})`,
          '',
          '',
          '',
          '',
        ]);
      }
      rows.push([
        '  the same with ?backend=cpu (for comparison)',
        kb(median(cpuVisits.map(wireTotal))),
        '',
        ratio(median(cpuVisits.map(wireTotal)), firstVisitBytes),
        '',
        '',
      ]);
      for (const network of NETWORKS) {
        const runsOn = on(network.name);
        const label = `${network.name} (${network.kilobitsPerSecond} kbit/s, ${network.roundTripMs} ms), gzip`;
        const painted = median(runsOn.map((v) => v.padPaintedMs));
        const fcp = median(runsOn.map((v) => v.firstContentfulPaintMs));
        const ink = median(runsOn.map((v) => v.padTakesInkMs));
        const answer = median(runsOn.map((v) => v.firstAnswerMs));
        const slow = network.name === 'Slow 3G';
        // What the bytes alone cost on this link: the reference the times are compared with.
        const transfer = (firstVisitBytes * 8) / network.kilobitsPerSecond;
        rows.push([
          `${label}: pad painted`,
          seconds(painted),
          `first contentful paint ${seconds(fcp)}`,
          ratio(painted, fcp),
          slow ? `<= ${seconds(BUDGETS.slow3gPadPaintedMs)}` : '',
          slow ? verdict(painted <= BUDGETS.slow3gPadPaintedMs) : '',
        ]);
        rows.push([`${label}: pad takes ink`, seconds(ink), '', '', '', '']);
        rows.push([
          `${label}: first answer`,
          seconds(answer),
          `bytes / bandwidth ${seconds(transfer)}`,
          ratio(answer, transfer),
          slow ? `<= ${seconds(BUDGETS.slow3gFirstAnswerMs)}` : '',
          slow ? verdict(answer <= BUDGETS.slow3gFirstAnswerMs) : '',
        ]);
      }
      const offline = repeats.map((r) => r.offlineReadyMs);
      const offlineReady = offline.some((value) => value === null)
        ? null
        : median(offline.filter((value): value is number => value !== null));
      rows.push([
        'repeat visit, network off: ready',
        offlineReady === null ? `fails (${repeats.find((r) => r.failure)?.failure ?? ''})` : ms(offlineReady),
        `online reload ${ms(median(repeats.map((r) => r.onlineReadyMs)))}`,
        offlineReady === null ? '' : ratio(offlineReady, median(repeats.map((r) => r.onlineReadyMs))),
        `<= ${BUDGETS.offlineReadyMs} ms`,
        verdict(offlineReady !== null && offlineReady <= BUDGETS.offlineReadyMs),
      ]);

      const load = <K extends keyof LoadRun>(key: K) => loads.map((l) => l[key] as number);
      const bytes = loads[0].bytes;
      const firstLoad = { raw: bytes.js.raw + bytes.css.raw, gzip: bytes.js.gzip + bytes.css.gzip };
      rows.push(
        [
          'first load: JS + CSS',
          `${kb(firstLoad.raw)} raw, ${kb(firstLoad.gzip)} gz`,
          '',
          '',
          `<= ${BUDGETS.firstLoadKilobytes} KB gz`,
          verdict(firstLoad.gzip <= BUDGETS.firstLoadKilobytes * 1024),
        ],
        ['  of which JS', `${kb(bytes.js.raw)} raw, ${kb(bytes.js.gzip)} gz`, '', '', '', ''],
        [
          'model weights',
          `${kb(bytes.weights.raw)} raw, ${kb(bytes.weights.gzip)} gz`,
          '',
          '',
          `<= ${BUDGETS.weightKilobytes} KB`,
          verdict(bytes.weights.raw <= BUDGETS.weightKilobytes * 1024),
        ],
        ['model.json', `${kb(bytes.model.raw)} raw, ${kb(bytes.model.gzip)} gz`, '', '', '', ''],
        ['WASM binary', `${kb(bytes.wasm.raw)} raw, ${kb(bytes.wasm.gzip)} gz`, '', '', '', ''],
        [
          'localhost: navigation -> ready',
          ms(median(load('readyMs'))),
          `DOMContentLoaded ${ms(median(load('domContentLoadedMs')))}`,
          ratio(median(load('readyMs')), median(load('domContentLoadedMs'))),
          `<= ${BUDGETS.readyMs} ms`,
          verdict(median(load('readyMs')) <= BUDGETS.readyMs),
        ],
        [
          `first prediction (${loads[0].firstAnswerBackend})`,
          ms(median(load('firstPredictionMs'))),
          '',
          '',
          '',
          '',
        ],
      );
      for (const backend of BACKENDS) {
        const runs = latencies.filter((l) => l.backend === backend);
        const all = runs.flatMap((r) => r.latencies);
        const p50 = median(runs.map((r) => median(r.latencies)));
        const p95 = median(runs.map((r) => percentile(r.latencies, 95)));
        const bare = median(runs.map((r) => r.bareClassifyMs));
        const budgeted = backend === loads[0].backend;
        rows.push([
          `pointerup -> prediction, ${backend}, median`,
          ms(p50),
          `bare classify ${ms(bare)}`,
          ratio(p50, bare),
          budgeted ? `<= ${BUDGETS.latencyMedianMs} ms` : '',
          budgeted ? verdict(p50 <= BUDGETS.latencyMedianMs) : '',
        ]);
        rows.push([
          `pointerup -> prediction, ${backend}, p95`,
          ms(p95),
          `(${all.length} strokes)`,
          ratio(p95, bare),
          budgeted ? `<= ${BUDGETS.latencyP95Ms} ms` : '',
          budgeted ? verdict(p95 <= BUDGETS.latencyP95Ms) : '',
        ]);
      }
      for (const afterHandOver of [true, false]) {
        const runs = drawings.filter((d) => d.afterHandOver === afterHandOver);
        const updates = median(runs.map((d) => d.updatesPerSecond));
        const fps = median(runs.map((d) => d.framesPerSecond));
        const longest = median(runs.map((d) => d.longestTaskMs));
        // The budgets are for the page in use; the first stroke of a visit is shown beside them.
        const when = afterHandOver ? '' : `, first stroke of a visit (${runs[0].backend})`;
        rows.push([
          `updates per second while drawing${when}`,
          updates.toFixed(1),
          `moves ${median(runs.map((d) => d.movesPerSecond)).toFixed(1)}/s, frames ${fps.toFixed(1)}/s`,
          ratio(updates, median(runs.map((d) => d.movesPerSecond))),
          afterHandOver ? `>= ${BUDGETS.updatesPerSecond}` : '',
          afterHandOver ? verdict(updates >= BUDGETS.updatesPerSecond) : '',
        ]);
        rows.push([
          `longest main-thread task while drawing${when}`,
          longest === 0 ? 'none over 50 ms' : ms(longest),
          `longest frame gap ${ms(median(runs.map((d) => d.longestFrameGapMs)))}`,
          '',
          afterHandOver ? `<= ${BUDGETS.longestTaskMs} ms` : '',
          afterHandOver ? verdict(longest <= BUDGETS.longestTaskMs) : '',
        ]);
      }
      const adapted = teachings.flatMap((t) => t.adaptedMs);
      const longestTeaching = Math.max(...teachings.map((t) => t.longestTaskMs));
      rows.push(
        [
          `saved correction -> adapted answers, wasm, median / max (${adapted.length})`,
          `${ms(median(adapted))} / ${ms(Math.max(...adapted))}`,
          `the layer refitted ${ms(median(teachings.flatMap((t) => t.tunedMs)))}`,
          '',
          `<= ${BUDGETS.adaptedMs} ms`,
          verdict(Math.max(...adapted) <= BUDGETS.adaptedMs),
        ],
        [
          'longest main-thread task, key press -> layer refitted',
          longestTeaching === 0 ? 'none over 50 ms' : ms(longestTeaching),
          '',
          '',
          `<= ${BUDGETS.longestTaskMs} ms`,
          verdict(longestTeaching <= BUDGETS.longestTaskMs),
        ],
      );
      for (const threads of [...new Set(training.flat().map((t) => t.threads))]) {
        const runs = training.flat().filter((t) => t.threads === threads);
        const train = median(runs.map((t) => t.trainImagesPerSecond));
        const forward = median(runs.map((t) => t.forwardImagesPerSecond));
        rows.push([
          `training, ${threads} thread${threads > 1 ? 's' : ''}`,
          `${train.toFixed(0)} img/s`,
          `forward only ${forward.toFixed(0)} img/s`,
          ratio(train, forward),
          '',
          '',
        ]);
      }

      const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
      const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
      console.log(`\ndigitpad bench: ${RUNS} runs, ${DIGITS} held-out pen digits per backend, medians\n`);
      console.log(line(rows[0]));
      console.log(line(widths.map((w) => '-'.repeat(w))));
      for (const row of rows.slice(1)) console.log(line(row));

      mkdirSync(dirname(args.out), { recursive: true });
      writeFileSync(
        args.out,
        `${JSON.stringify({ createdAt: new Date().toISOString(), budgets: BUDGETS, visits, cpuVisits, repeats, loads, latencies, drawings, teachings, training }, null, 2)}\n`,
      );
      console.log(`\nraw runs written to ${args.out}`);
    },
    { gzip: true },
  );
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench: usage: ${error.message}`);
    return 2;
  }
  await runBench(args);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
