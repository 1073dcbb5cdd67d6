/**
 * The closing report's numbers, through the real page (not part of `npm test`), every drawing
 * made with mouse pointer events and read off `data-digit` and `data-verdict`:
 * - held-out pen digits (writers 25-30, about 1,500, all by default) and UNIPEN digits of its
 *   test writers (`--unipen N`, of about 2,000): accuracy, and how often the page says unsure or
 *   "not a digit"; both drawn at the suite's spread of sizes and places;
 * - UNIPEN letters of test writers that no reader takes for a digit (`--letters N`, of about
 *   4,800): the share answered "not a digit" or unsure;
 * - the same held-out pen digits drawn 10% and 60% of the pad high (`--sizes N` each): the
 *   accuracy of each, and the gap;
 * - per backend, the time from the pen lifting (`pointerup`) to the page showing the result for
 *   that stroke (`data-strokes` changing), median and 95th percentile.
 * Samples are drawn by `--seed`; the defaults take about 14 minutes on two cores.
 *
 *   npx tsx test/e2e/penAccuracy.ts [--limit N] [--unipen N] [--letters N] [--sizes N]
 *                                   [--backend webgl|wasm|cpu] [--latency-digits N]
 *                                   [--latency-backends webgl,wasm,cpu] [--seed N]
 * `E2E_DIST=dist` measures an existing build instead of building one; `PENDIGITS_PATH`,
 * `UNIPEN_DIGITS_PATH` and `UNIPEN_LETTERS_PATH` read the data sets from elsewhere.
 */
import { createRandom, type Random } from '../../src/learning/random';
import type { PenLabel, PenSample } from '../../src/digit/penData';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { parseAccuracyArgs, type AccuracyOptions } from './accuracyArgs';
import { digitReport, letterReport, sizeReport, type Outcome } from './accuracyReport';
import { PadPage } from './padPage';
import {
  heldOut,
  inFixedOrder,
  loadPenDigits,
  loadUnipenTestDigits,
  loadUnipenTestLetters,
  randomPlacement,
  seededSample,
  stratifiedSample,
  strokesFor,
  type PenDigit,
  type Placement,
} from './pendigits';
import { withHarness } from './standalone';
import type { BackendName } from '../../src/model/backendChoice';
import { runScript } from './flags';
import { DESKTOP } from './suite';
import { installLatencyProbe, percentile, type LatencyProbe } from './latencyProbe';

/** A fresh page on `backend` (the app's choice when absent), its model ready. */
async function openApp(
  browser: Browser,
  url: string,
  backend?: BackendName,
): Promise<[BrowserContext, PadPage]> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const app = await PadPage.open(context, url + (backend ? `?backend=${backend}` : ''));
    await app.modelReady();
    return [context, app];
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Empties the pad as a person at a keyboard does (Escape), quicker than a click, and waits for the blank pad. */
async function clearByKey(app: PadPage): Promise<void> {
  await app.page.keyboard.press('Escape');
  await app.blank();
}

/**
 * Moves at most this far apart in the accuracy runs, CSS px. The pad joins moves with straight
 * lines, and the recorded points are joined so too, so the ink is the same polyline as with the
 * suite's 6 px; Chromium takes about 1.4 ms per move, and a third of the moves makes the default
 * run fit in 15 minutes. The latency runs keep the mouse's 6 px.
 */
const ACCURACY_STEP = 20;

/**
 * Draws each sample where `placementOf` says, reads what the page shows for all its strokes,
 * and clears the pad. Moves go in large batches (Chromium coalesces them, as for a fast pen).
 */
async function drawEach<Label extends PenLabel>(
  app: PadPage,
  samples: readonly PenSample<Label>[],
  placementOf: (index: number) => Placement,
  what: string,
): Promise<Outcome<Label>[]> {
  const pad = await app.padBox();
  const outcomes: Outcome<Label>[] = [];
  for (const [i, sample] of samples.entries()) {
    const strokes = strokesFor(sample, pad, placementOf(i), ACCURACY_STEP);
    const shown = await app.drawAndRead('mouse', strokes, 0, { movesPerBatch: 64 });
    outcomes.push({ sample, shown });
    await clearByKey(app);
    if ((i + 1) % 250 === 0) process.stderr.write(`  ${what}: ${i + 1}/${samples.length}\n`);
  }
  return outcomes;
}

/** The suite's spread of sizes and places, from `seed`. */
const spread = (seed: number) => {
  const random: Random = createRandom(seed);
  return () => randomPlacement(random);
};

/** One place per digit, the same for both sizes: only the height differs between the runs. */
function atHeights(
  count: number,
  seed: number,
  heights: readonly number[],
): ((index: number) => Placement)[] {
  const places = Array.from({ length: count }, spread(seed));
  return heights.map((height) => (index: number) => ({ ...places[index], height }));
}

/** Times a drawing's last stroke alone: earlier strokes first, then the last, from pointerup to its result. */
async function lastStrokeLatency(
  app: PadPage,
  strokes: ReturnType<typeof strokesFor>,
): Promise<number | undefined> {
  if (strokes.length > 1) await app.drawAndRead('mouse', strokes.slice(0, -1));
  await app.page.evaluate(() => {
    (window as unknown as LatencyProbe).latencyProbe.latencies.length = 0;
  });
  await app.drawAndRead('mouse', strokes.slice(-1), strokes.length - 1);
  const [latency] = await app.page.evaluate(() => (window as unknown as LatencyProbe).latencyProbe.latencies);
  return latency;
}

/** Pointerup to result on `backend`, the last stroke of each digit. */
async function latencyRun(
  browser: Browser,
  url: string,
  digits: readonly PenDigit[],
  seed: number,
  backend: BackendName,
): Promise<{ backend: string; latencies: number[] }> {
  const [context, app] = await openApp(browser, url, backend);
  try {
    await app.page.evaluate(installLatencyProbe);
    const pad = await app.padBox();
    const place = spread(seed);
    const latencies: number[] = [];
    for (const digit of digits) {
      const latency = await lastStrokeLatency(app, strokesFor(digit, pad, place()));
      if (latency !== undefined) latencies.push(latency);
      await clearByKey(app);
    }
    return { backend: await app.backend(), latencies };
  } finally {
    await context.close();
  }
}

function latencyReport({ backend, latencies }: { backend: string; latencies: number[] }): string {
  return (
    `${backend.padEnd(6)} median ${percentile(latencies, 50).toFixed(1).padStart(6)} ms   ` +
    `p95 ${percentile(latencies, 95).toFixed(1).padStart(6)} ms   (${latencies.length} digits)`
  );
}

/** Times `part` and prints its report with how long it took. */
async function timed(part: () => Promise<string>): Promise<void> {
  const started = Date.now();
  const report = await part();
  console.log(`${report}\n  (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** Every accuracy figure, on one page: pen digits, UNIPEN digits, letters, small against big. */
async function accuracyRuns(
  app: PadPage,
  options: AccuracyOptions,
  held: readonly PenDigit[],
): Promise<void> {
  const { limit, unipen, letters, sizes, seed } = options;
  const backend = await app.backend();
  // A limited run takes a sample spread over the ten digits, not the file's first writer.
  const pen =
    limit === undefined
      ? inFixedOrder(held)
      : stratifiedSample(held, Math.ceil(limit / 10), seed).slice(0, limit);
  const title = `held-out pen digits (writers 25-30), ${pen.length} of ${held.length}, on ${backend}`;
  await timed(async () => digitReport(title, await drawEach(app, pen, spread(seed), 'pen digits')));
  if (unipen > 0) {
    const all = await loadUnipenTestDigits();
    const sample = seededSample(all, unipen, seed);
    const unipenTitle = `UNIPEN digits of test writers, ${sample.length} of ${all.length}, seed ${seed}`;
    await timed(async () =>
      digitReport(unipenTitle, await drawEach(app, sample, spread(seed), 'UNIPEN digits')),
    );
  }
  if (letters > 0) {
    const all = await loadUnipenTestLetters();
    const sample = seededSample(all, letters, seed);
    const lettersTitle = `UNIPEN letters of test writers that do not look like digits, ${sample.length} of ${all.length}, seed ${seed}`;
    await timed(async () => letterReport(lettersTitle, await drawEach(app, sample, spread(seed), 'letters')));
  }
  if (sizes > 0) await timed(() => smallAgainstBig(app, held, sizes, seed));
}

/** The same held-out pen digits, in the same places, drawn 10% and then 60% of the pad high. */
async function smallAgainstBig(app: PadPage, held: readonly PenDigit[], count: number, seed: number) {
  const digits = stratifiedSample(held, Math.ceil(count / 10), seed + 1).slice(0, count);
  const [small, big] = atHeights(digits.length, seed + 1, [0.1, 0.6]);
  const smallOutcomes = await drawEach(app, digits, small, 'digits at 10%');
  const bigOutcomes = await drawEach(app, digits, big, 'digits at 60%');
  return `held-out pen digits drawn small and big, ${digits.length} of each, seed ${seed + 1}:\n${sizeReport(smallOutcomes, bigOutcomes)}`;
}

async function main(): Promise<void> {
  const options = parseAccuracyArgs(process.argv.slice(2));
  const { accuracyBackend, latencyDigits, latencyBackends, seed } = options;
  await withHarness(async ({ server, browser }) => {
    const held = heldOut(await loadPenDigits());
    const [context, app] = await openApp(browser, server.url, accuracyBackend);
    try {
      await accuracyRuns(app, options, held);
    } finally {
      await context.close();
    }
    console.log(`pointerup -> result shown, last stroke of each digit, ${latencyDigits} digits per backend:`);
    const sample = stratifiedSample(held, Math.max(1, Math.ceil(latencyDigits / 10)), seed).slice(
      0,
      latencyDigits,
    );
    for (const backend of latencyBackends)
      console.log(latencyReport(await latencyRun(browser, server.url, sample, seed, backend)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runScript('test:accuracy', main);
