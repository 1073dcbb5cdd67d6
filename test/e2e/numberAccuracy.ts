/**
 * Issue 10's figures through the real page (not part of `npm test`): numbers written by real
 * people the model never learned from (held-out pen-digit writers 25-30 and UNIPEN test writers),
 * one writer per number, 2 to 6 digits, spacing from touching to wide, size and baseline jitter,
 * strokes in writing order, and in a share the second stroke of a 4, 5 or 7 drawn after the next
 * digit (`src/number/composeNumber.ts`). Each number is drawn with mouse pointer events, read off
 * `data-number`; then each of its digits is drawn alone where it stood, and read again.
 * - right number of digits found, share of numbers;
 * - digit accuracy inside numbers (longest common subsequence of read and true digits) against
 *   the same digits drawn alone;
 * - whole 4-digit numbers exactly right;
 * - digits drawn alone that the page splits into two or more;
 * - pointerup to the updated number with 6 digits on the pad (WASM), median and p95.
 *
 *   npx tsx test/e2e/numberAccuracy.ts [--numbers N] [--latency N] [--seed N] [--viewport WxH]
 * The window is 1000x760 unless `--viewport` says (1280x800 gives the pad a number's width).
 * `E2E_DIST=dist` measures an existing build instead of building one.
 */
import { pathToFileURL } from 'node:url';
import { createRandom, type Random } from '../../src/learning/random';
import {
  composeNumber,
  digitsByWriter,
  type ComposedNumber,
  type WriterDigits,
} from '../../src/number/composeNumber';
import { FlagError, runScript, stringFlags, viewportFlag, wholeNumber } from './flags';
import { installLatencyProbe, percentile, type LatencyProbe } from './latencyProbe';
import { PadPage } from './padPage';
import { densify, heldOut, loadPenDigits, loadUnipenTestDigits, MOUSE_STEP } from './pendigits';
import type { Stroke } from './pointers';
import { withHarness } from './standalone';
import { DESKTOP } from './suite';

interface Options {
  readonly numbers: number;
  readonly latency: number;
  readonly seed: number;
  readonly viewport: { readonly width: number; readonly height: number };
}

function parseOptions(argv: readonly string[]): Options {
  const flags = stringFlags(argv, ['numbers', 'latency', 'seed', 'viewport']);
  return {
    numbers: wholeNumber('numbers', flags.numbers, 150),
    latency: wholeNumber('latency', flags.latency, 25, 0),
    seed: wholeNumber('seed', flags.seed, 10, 0),
    viewport: viewportFlag(flags.viewport, DESKTOP),
  };
}

/** What one number came to: true digits, what the page read, and each digit read alone. */
interface NumberOutcome {
  readonly truth: string;
  readonly read: string;
  readonly alone: readonly string[];
  readonly delayed: boolean;
}

const drawn = (strokes: readonly Stroke[]) => strokes.map((stroke) => densify(stroke, MOUSE_STEP));

async function readNumber(app: PadPage, strokes: readonly Stroke[]): Promise<string> {
  await app.clear();
  await app.drawAndRead('mouse', drawn(strokes));
  return (await app.prediction.getAttribute('data-number')) ?? '';
}

async function measureOne(app: PadPage, composed: ComposedNumber): Promise<NumberOutcome> {
  const read = await readNumber(app, composed.strokes);
  const alone: string[] = [];
  for (const indices of composed.digitStrokes)
    alone.push(
      await readNumber(
        app,
        indices.map((index) => composed.strokes[index]),
      ),
    );
  return { truth: composed.digits.join(''), read, alone, delayed: composed.delayedStroke };
}

/** Length of the longest common subsequence: the digits read right, in order, whatever the cuts. */
function matched(a: string, b: string): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = ca === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

const share = (part: number, whole: number) =>
  `${((100 * part) / Math.max(1, whole)).toFixed(2)}% (${part}/${whole})`;

function report(outcomes: readonly NumberOutcome[]): string {
  const digits = outcomes.reduce((sum, o) => sum + o.truth.length, 0);
  const countRight = outcomes.filter((o) => o.read.length === o.truth.length).length;
  const inside = outcomes.reduce((sum, o) => sum + matched(o.read, o.truth), 0);
  const alone = outcomes.reduce((sum, o) => sum + o.alone.filter((read, i) => read === o.truth[i]).length, 0);
  const split = outcomes.reduce((sum, o) => sum + o.alone.filter((read) => read.length > 1).length, 0);
  const fours = outcomes.filter((o) => o.truth.length === 4);
  const delayed = outcomes.filter((o) => o.delayed);
  const wrong = outcomes.filter((o) => o.read !== o.truth).map((o) => `${o.truth}->${o.read || '(none)'}`);
  return [
    `numbers: ${outcomes.length}, digits: ${digits}`,
    `right number of digits found: ${share(countRight, outcomes.length)}   (need >= 99.5%)`,
    `digit accuracy inside numbers: ${share(inside, digits)}; the same digits alone: ${share(alone, digits)}` +
      `; gap ${((100 * (alone - inside)) / digits).toFixed(2)} points   (need within 0.5)`,
    `whole 4-digit numbers exactly right: ${share(fours.filter((o) => o.read === o.truth).length, fours.length)}   (need >= 93%)`,
    `numbers with a delayed 4/5/7 stroke exactly right: ${share(delayed.filter((o) => o.read === o.truth).length, delayed.length)}`,
    `digits alone split into two or more: ${share(split, digits)}   (need <= 0.2%)`,
    `wrong: ${wrong.slice(0, 40).join(' ')}`,
  ].join('\n');
}

/** Pointerup of a 6-digit number's last stroke to the page's updated number, WASM. */
async function latencies(app: PadPage, pool: readonly WriterDigits[], random: Random, runs: number) {
  await app.page.evaluate(installLatencyProbe);
  const box = await app.padBox();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const composed = composeNumber(pool, random, { pad: box, digits: [6, 6] });
    const strokes = drawn(composed.strokes);
    await app.clear();
    await app.drawAndRead('mouse', strokes.slice(0, -1));
    await app.page.evaluate(
      () => void ((window as unknown as LatencyProbe).latencyProbe.latencies.length = 0),
    );
    await app.drawAndRead('mouse', strokes.slice(-1), strokes.length - 1);
    times.push(
      ...(await app.page.evaluate(() => (window as unknown as LatencyProbe).latencyProbe.latencies)),
    );
  }
  return `pointerup -> updated number, 6 digits on the pad, ${await app.backend()}: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${times.length} runs)   (need median <= 8 ms)`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const samples = [...heldOut(await loadPenDigits()), ...(await loadUnipenTestDigits())];
  const pool = digitsByWriter(samples);
  if (pool.length === 0) throw new FlagError('no held-out writers found in the data sets');
  await withHarness(async ({ browser, server }) => {
    const context = await browser.newContext({ viewport: options.viewport });
    const app = await PadPage.open(context, `${server.url}?backend=wasm`);
    await app.modelReady();
    await app.settledBackend();
    const random = createRandom(options.seed);
    const box = await app.padBox();
    const outcomes: NumberOutcome[] = [];
    for (let n = 0; n < options.numbers; n++)
      outcomes.push(await measureOne(app, composeNumber(pool, random, { pad: box })));
    console.log(report(outcomes));
    if (options.latency > 0) console.log(await latencies(app, pool, random, options.latency));
    await context.close();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runScript('test:numbers', main);
