/**
 * The closing report's numbers, through the real page (not part of `npm test`):
 * - accuracy on every held-out pen digit (writers 25-30, about 1,500), drawn with the mouse at
 *   the suite's spread of sizes and places, on the backend the app picks (or `--backend`);
 * - per backend, the time from the pen lifting (`pointerup`) to the page showing the result for
 *   that stroke (`data-strokes` changing), median and 95th percentile.
 *
 *   npx tsx test/e2e/penAccuracy.ts [--limit N] [--backend webgl|wasm|cpu] [--latency-digits N]
 *                                   [--latency-backends webgl,wasm,cpu] [--seed N]
 * `E2E_DIST=dist` measures an existing build instead of building one; `PENDIGITS_PATH` reads the
 * pen digits from elsewhere.
 */
import { createRandom } from '../../src/learning/random';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { PadPage } from './padPage';
import {
  describeDigit,
  heldOut,
  inFixedOrder,
  loadPenDigits,
  randomPlacement,
  stratifiedSample,
  strokesFor,
  type PenDigit,
} from './pendigits';
import { withHarness } from './standalone';
import { BACKENDS, type BackendName } from '../../src/model/backendChoice';
import { backendFlag, runScript, stringFlags, wholeNumber } from './flags';
import { DESKTOP } from './suite';

export interface AccuracyOptions {
  readonly limit?: number;
  /** The backend of the accuracy run; the app's own choice when absent. */
  readonly accuracyBackend?: BackendName;
  readonly latencyDigits: number;
  readonly latencyBackends: readonly BackendName[];
  readonly seed: number;
}

/** The script's flags, each checked: a bad one is a `FlagError` naming it. */
export function parseAccuracyArgs(argv: readonly string[]): AccuracyOptions {
  const values = stringFlags(argv, ['limit', 'backend', 'latency-digits', 'latency-backends', 'seed']);
  return {
    limit: values.limit === undefined ? undefined : wholeNumber('limit', values.limit, 0),
    accuracyBackend: values.backend === undefined ? undefined : backendFlag('backend', values.backend),
    latencyDigits: wholeNumber('latency-digits', values['latency-digits'], 100),
    latencyBackends: (values['latency-backends'] ?? BACKENDS.join(','))
      .split(',')
      .filter(Boolean)
      .map((name) => backendFlag('latency-backends', name)),
    seed: wholeNumber('seed', values.seed, 1, 0),
  };
}

/** Records, in the page, when the pen lifts and when the result for a new stroke count appears. */
function installLatencyProbe(): void {
  const probe = { lastUp: 0, latencies: [] as number[] };
  (window as unknown as { latencyProbe: typeof probe }).latencyProbe = probe;
  // Capture on window runs before the app's own handler sees the event.
  window.addEventListener('pointerup', () => (probe.lastUp = performance.now()), true);
  const prediction = document.querySelector('[data-testid="prediction"]');
  if (prediction === null) throw new Error('no [data-testid=prediction] on the page');
  new MutationObserver(() => {
    const strokes = prediction.getAttribute('data-strokes');
    if (strokes !== '0' && probe.lastUp > 0) {
      probe.latencies.push(performance.now() - probe.lastUp);
      probe.lastUp = 0;
    }
  }).observe(prediction, { attributes: true, attributeFilter: ['data-strokes'] });
}

interface Run {
  readonly backend: string;
  readonly outcomes: { digit: PenDigit; read: number | null }[];
  /** One per digit: after its last stroke (earlier strokes' results are not waited for alone). */
  readonly latencies: number[];
  readonly seconds: number;
}

async function runDigits(
  browser: Browser,
  url: string,
  digits: readonly PenDigit[],
  seed: number,
  backend?: BackendName,
): Promise<Run> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const app = await PadPage.open(context, url + (backend ? `?backend=${backend}` : ''));
    await app.modelReady();
    await app.page.evaluate(installLatencyProbe);
    const pad = await app.padBox();
    const placements = createRandom(seed);
    const outcomes: Run['outcomes'] = [];
    const latencies: number[] = [];
    const started = Date.now();
    for (const [i, digit] of digits.entries()) {
      const strokes = strokesFor(digit, pad, randomPlacement(placements));
      // Earlier strokes first, then the last one alone, so its latency is measured by itself.
      if (strokes.length > 1) await app.drawAndRead('mouse', strokes.slice(0, -1));
      await app.page.evaluate(() => {
        (window as unknown as { latencyProbe: { latencies: number[] } }).latencyProbe.latencies.length = 0;
      });
      const shown = await app.drawAndRead('mouse', strokes.slice(-1), strokes.length - 1);
      const [latency] = await app.page.evaluate(
        () => (window as unknown as { latencyProbe: { latencies: number[] } }).latencyProbe.latencies,
      );
      if (latency !== undefined) latencies.push(latency);
      outcomes.push({ digit, read: shown.digit });
      await app.clear();
      if ((i + 1) % 100 === 0) process.stderr.write(`  ${backend ?? 'default'}: ${i + 1}/${digits.length}\n`);
    }
    return { backend: await app.backend(), outcomes, latencies, seconds: (Date.now() - started) / 1000 };
  } finally {
    await context.close();
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function accuracyReport(run: Run): string {
  const { outcomes } = run;
  const right = outcomes.filter(({ digit, read }) => read === digit.label).length;
  const confusion = Array.from({ length: 10 }, () => Array<number>(11).fill(0));
  for (const { digit, read } of outcomes) confusion[digit.label][read ?? 10]++;
  const rows = confusion.map((row, label) => {
    const total = row.reduce((sum, n) => sum + n, 0);
    const share = total === 0 ? '-' : `${((row[label] / total) * 100).toFixed(1)}%`;
    return `  ${label} | ${row.map((n) => String(n).padStart(4)).join('')} | ${share.padStart(6)}`;
  });
  return [
    `accuracy: ${right}/${outcomes.length} = ${((right / outcomes.length) * 100).toFixed(2)}% on ${run.backend} (${run.seconds.toFixed(0)} s)`,
    `confusion (rows: true digit; columns: read as 0-9, then none):`,
    `    | ${Array.from({ length: 10 }, (_, d) => String(d).padStart(4)).join('')}    - |`,
    ...rows,
  ].join('\n');
}

function latencyReport(run: Run): string {
  const { latencies } = run;
  return (
    `${run.backend.padEnd(6)} median ${percentile(latencies, 50).toFixed(1).padStart(6)} ms   ` +
    `p95 ${percentile(latencies, 95).toFixed(1).padStart(6)} ms   (${latencies.length} digits)`
  );
}

async function main(): Promise<void> {
  const { limit, accuracyBackend, latencyDigits, latencyBackends, seed } = parseAccuracyArgs(
    process.argv.slice(2),
  );
  await withHarness(async ({ server, browser }) => {
    const held = heldOut(await loadPenDigits());
    const all = inFixedOrder(held);
    // A limited run takes a sample spread over the ten digits, not the file's first writer.
    const forAccuracy =
      limit === undefined ? all : stratifiedSample(held, Math.ceil(limit / 10), seed).slice(0, limit);
    console.log(`held-out pen digits (writers 25-30): ${forAccuracy.length} of ${all.length}, seed ${seed}`);

    const accuracy = await runDigits(browser, server.url, forAccuracy, seed, accuracyBackend);
    console.log(accuracyReport(accuracy));
    const misread = accuracy.outcomes.filter(({ digit, read }) => read !== digit.label);
    console.log(`misread (first 20 of ${misread.length}):`);
    for (const { digit, read } of misread.slice(0, 20))
      console.log(`  ${describeDigit(digit)} read as ${read ?? 'nothing'}`);

    console.log(
      `\npointerup -> result shown, last stroke of each digit, ${latencyDigits} digits per backend:`,
    );
    console.log(`${latencyReport(accuracy)}   [accuracy run, app's choice]`);
    const sample = stratifiedSample(held, Math.max(1, Math.ceil(latencyDigits / 10)), seed).slice(
      0,
      latencyDigits,
    );
    for (const backend of latencyBackends)
      console.log(latencyReport(await runDigits(browser, server.url, sample, seed, backend)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runScript('test:accuracy', main);
