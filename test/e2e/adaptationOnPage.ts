/**
 * Adapting to one writer, through the running page (not part of `npm test`): a held-out writer
 * draws k drawings of each digit and labels each with its digit key, as a person teaching the
 * page would; then draws every other sample of theirs twice, once with "Adapt to my handwriting"
 * on and once off. Every drawing is made with mouse pointer events and read off `data-digit`.
 *
 *   npx tsx test/e2e/adaptationOnPage.ts [--writer ID] [--k N]
 * Writers: pen digits 25-30 (`28`) or UNIPEN test writers (`syn/rkt-dig19`, the default: the
 * worst-read writer of `npm run test:adaptation`). `E2E_DIST=dist` measures an existing build.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { NUM_CLASSES } from '../../src/digit';
import { createRandom, shuffled } from '../../src/learning/random';
import { PadPage } from './padPage';
import {
  heldOut,
  loadPenDigits,
  loadUnipenTestDigits,
  strokesFor,
  TIDY_PLACEMENT,
  type PenDigit,
} from './pendigits';
import { withHarness } from './standalone';

async function writerSamples(writer: string): Promise<PenDigit[]> {
  const all = [...heldOut(await loadPenDigits()), ...(await loadUnipenTestDigits())];
  const samples = all.filter((sample) => String(sample.writer) === writer);
  if (samples.length === 0)
    throw new Error(`no held-out writer "${writer}" in the pen or UNIPEN test writers`);
  // The order `npm run test:adaptation` uses: seeded, the same for every run.
  return shuffled(samples, createRandom(7));
}

/** The first k of each digit teach; the rest test. */
function split(samples: readonly PenDigit[], k: number) {
  const seen = new Array<number>(NUM_CLASSES).fill(0);
  const teach: PenDigit[] = [];
  const test: PenDigit[] = [];
  for (const sample of samples) (++seen[sample.label] <= k ? teach : test).push(sample);
  return { teach, test };
}

/** Draws a sample on a clear pad and returns the page's digit for it. */
async function readOne(app: PadPage, sample: PenDigit): Promise<number | null> {
  await app.clear();
  return (await app.drawAndRead('mouse', strokesFor(sample, await app.padBox(), TIDY_PLACEMENT))).digit;
}

async function teach(app: PadPage, samples: readonly PenDigit[]): Promise<void> {
  for (const [n, sample] of samples.entries()) {
    await readOne(app, sample);
    await app.page.keyboard.press(String(sample.label));
    await app.page.waitForFunction(
      (count) =>
        document.querySelector('[data-testid="adaptation"]')?.getAttribute('data-examples') === String(count),
      n + 1,
    );
  }
}

async function accuracy(app: PadPage, samples: readonly PenDigit[]): Promise<number> {
  let right = 0;
  for (const sample of samples) if ((await readOne(app, sample)) === sample.label) right++;
  return right / samples.length;
}

/**
 * Reads or turns off "Adapt to my handwriting" in the History panel, then closes the panel: open,
 * it covers the pad's buttons on a desktop window.
 */
async function adapting(app: PadPage, action: 'read' | 'off'): Promise<boolean> {
  const panel = app.page.locator('.history > summary');
  await panel.click();
  const box = app.page.getByRole('checkbox', { name: 'Adapt to my handwriting' });
  if (action === 'off') await box.uncheck();
  const checked = await box.isChecked();
  await panel.click();
  await box.waitFor({ state: 'hidden' });
  return checked;
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { writer: { type: 'string', default: 'syn/rkt-dig19' }, k: { type: 'string', default: '3' } },
  });
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new Error(`--k needs a whole number >= 1, got "${values.k}"`);
  const { teach: taught, test } = split(await writerSamples(values.writer), k);
  await withHarness(async ({ browser, server }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const app = await PadPage.open(context, `${server.url}?backend=wasm`);
    await app.modelReady();
    await teach(app, taught);
    if (!(await adapting(app, 'read'))) throw new Error('adapting is not on after labelled drawings');
    const on = await accuracy(app, test);
    await adapting(app, 'off');
    const off = await accuracy(app, test);
    console.log(
      `writer ${values.writer}: ${taught.length} labelled (k = ${k}), ${test.length} read; ` +
        `adapting on ${(on * 100).toFixed(2)}%, off ${(off * 100).toFixed(2)}%`,
    );
    await context.close();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
