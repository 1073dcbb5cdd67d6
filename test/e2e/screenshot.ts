/**
 * The README's screenshot: a held-out pen digit drawn on the built app, read by the committed
 * model. `npm run screenshot` (or `npx tsx test/e2e/screenshot.ts [--out docs/screenshot.png]`).
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './env';
import { PadPage } from './padPage';
import { heldOut, inFixedOrder, loadPenDigits, strokesFor, TIDY_PLACEMENT, describeDigit } from './pendigits';
import { withHarness } from './standalone';
import { DESKTOP } from './suite';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshot.png' },
    digit: { type: 'string', default: '4' },
    scale: { type: 'string', default: '2' },
  },
});
const out = resolve(REPO_ROOT, values.out);
const label = Number(values.digit);

await withHarness(async ({ server, browser }) => {
  const context = await browser.newContext({
    viewport: DESKTOP,
    deviceScaleFactor: Number(values.scale),
    colorScheme: 'light',
  });
  const app = await PadPage.open(context, server.url);
  await app.modelReady();
  // The first held-out digit of that class (writers 25-30), in a fixed order: the same every time.
  const digit = inFixedOrder(heldOut(await loadPenDigits())).find((candidate) => candidate.label === label);
  if (digit === undefined) throw new Error(`no held-out pen digit ${label}`);
  const shown = await app.drawAndRead('mouse', strokesFor(digit, await app.padBox(), TIDY_PLACEMENT));
  await mkdir(dirname(out), { recursive: true });
  await app.page.screenshot({ path: out, animations: 'disabled' });
  console.log(
    `${out}: ${describeDigit(digit)}, read as ${shown.digit} (${(shown.confidence * 100).toFixed(0)}%) on ${await app.backend()}`,
  );
  await context.close();
});
