import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parsePenData } from '../../src/digit';
import type { PadPage } from './padPage';
import { heldOut, loadPenDigits, stratifiedSample, strokesFor, TIDY_PLACEMENT } from './pendigits';
import { e2eSuite } from './suite';

const suite = e2eSuite();

const historyItems = (app: PadPage) =>
  app.page
    .getByTestId('history')
    .evaluate((list) =>
      Array.from(list.children, (item) => [
        item.getAttribute('data-label'),
        item.getAttribute('data-predicted'),
      ]),
    );

const scoreOf = (app: PadPage) =>
  app.page
    .getByTestId('score')
    .evaluate((score) => [score.getAttribute('data-right'), score.getAttribute('data-total')]);

const examples = (app: PadPage) =>
  app.page.getByTestId('adaptation').evaluate((element) => Number(element.getAttribute('data-examples')));

async function waitForExamples(app: PadPage, count: number, attribute = 'data-examples') {
  await app.page.waitForFunction(
    ([n, name]) => document.querySelector('[data-testid="adaptation"]')?.getAttribute(name) === n,
    [String(count), attribute] as const,
  );
}

/** The output layer fitted to `count` drawings in its worker, and how long that took from now. */
async function timeTuning(app: PadPage, count: number) {
  const start = Date.now();
  await waitForExamples(app, count, 'data-tuned');
  return Date.now() - start;
}

/** Tasks over 50 ms on the main thread from now on, as the browser reports them. */
async function watchLongTasks(app: PadPage) {
  await app.page.evaluate(() => {
    const found: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = found;
    new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => found.push(entry.duration)),
    ).observe({
      type: 'longtask',
    });
  });
  return () => app.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}

describe('teaching it your handwriting, in Chromium (WASM)', () => {
  it('labels three drawings with digit keys; after a reload the history, score and adaptation are there; export re-imports', async () => {
    const app = await suite.open({ backend: 'wasm' });
    const digits = stratifiedSample(heldOut(await loadPenDigits()), 1, 11).slice(0, 3);
    const savedIn: number[] = [];
    const tasks: number[] = [];
    for (const [n, digit] of digits.entries()) {
      await app.drawAndRead('mouse', strokesFor(digit, await app.padBox(), TIDY_PLACEMENT));
      const longTasks = await watchLongTasks(app);
      const start = Date.now();
      await app.page.keyboard.press(String(digit.label));
      await waitForExamples(app, n + 1); // the adapted memory holds it: the next answer uses it
      savedIn.push(Date.now() - start);
      tasks.push(...(await longTasks()));
      expect((await app.readPrediction()).strokes).toBe(0);
    }
    console.log(
      `saved correction -> adapted answers (WASM, incl. the test's round trips): ${savedIn.join(', ')} ms`,
    );
    console.log(`then the output layer fitted to all 3 in its worker: ${await timeTuning(app, 3)} ms more`);
    // Three digits, one of each: no drawing has a look-alike to vote for it, so the default weight.
    expect(await app.page.getByTestId('adaptation').getAttribute('data-vote-weight')).toBe('0.6');
    expect(Math.max(...savedIn)).toBeLessThanOrEqual(1000);
    // Reported, not asserted: on the 2-core machine shared with a training run a task now and then
    // runs over 50 ms whatever it does (README, "Teach it your handwriting"). One that did not need
    // to: the history's first item used toLocaleString, whose first call loads the locale's data
    // (40-225 ms here); src/history/savedAt.ts writes the date by hand.
    console.log(
      `main-thread tasks over 50 ms from the key press to the adapted memory: [${tasks.join(', ')}]`,
    );
    const labels = digits.map((d) => String(d.label)).reverse();
    expect((await historyItems(app)).map(([label]) => label)).toEqual(labels);
    const score = await scoreOf(app);
    expect(score[1]).toBe('3');

    await app.page.reload();
    await app.modelReady();
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="history"]')?.children.length === 3,
    );
    expect(await scoreOf(app)).toEqual(score);
    await waitForExamples(app, 3);
    await timeTuning(app, 3); // the layer is fitted again from the kept drawings
    await app.page.locator('.history > summary').click();
    expect(await app.page.getByRole('checkbox', { name: 'Adapt to my handwriting' }).isChecked()).toBe(true);
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      app.page.getByRole('button', { name: 'Export' }).click(),
    ]);
    const file = await download.path();
    const rows = parsePenData(await readFile(file, 'utf8'), 'digit');
    expect(rows.map((r) => r.label)).toEqual(digits.map((d) => d.label));
    await app.page.getByRole('button', { name: 'Delete all' }).click();
    expect(await historyItems(app)).toEqual([]);
    await app.page.getByLabel('Pen-data file to import').setInputFiles(file);
    await app.page.getByText('Imported 3 drawings.').waitFor();
    expect((await historyItems(app)).map(([label]) => label)).toEqual(labels);
    expect(await examples(app)).toBeGreaterThanOrEqual(0);
  });
});
