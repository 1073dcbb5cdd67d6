/**
 * The README's screenshots: a held-out pen digit drawn on the built app, read by the committed
 * model, and the page shot as it then shows in the window (no scrolling, nothing beyond the fold).
 *
 *   npm run screenshot                      # docs/screenshot.png, a 1000x760 desktop window
 *   npm run screenshot -- --viewport 844x390 --scale 1 --touch --scheme dark --out docs/trial/x.png
 *   npm run screenshot -- --number 204719 --viewport 320x640 --out docs/numbers/phone.png
 *   E2E_DIST=/some/dist npm run screenshot -- ...   # shoots another build (an older commit's)
 *
 * `--viewport` is in CSS px and `--scale` is the device pixel ratio: 200% zoom of a 1280x800
 * window is `--viewport 640x400 --scale 2`. When the pad is partly out of view (as an older layout
 * may have it), the page scrolls to it for drawing, as a person would, and back to the top for
 * the shot, the first view a person gets.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './env';
import { PadPage } from './padPage';
import { createRandom } from '../../src/learning/random';
import { composeFromSamples } from '../../src/number/composeNumber';
import {
  densify,
  describeDigit,
  heldOut,
  inFixedOrder,
  loadPenDigits,
  MOUSE_STEP,
  strokesFor,
  TIDY_PLACEMENT,
  type PenDigit,
} from './pendigits';
import type { PadBox, Stroke } from './pointers';
import { withHarness } from './standalone';
import { DESKTOP } from './suite';
import { viewportFlag } from './flags';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshot.png' },
    digit: { type: 'string', default: '4' },
    // A number instead of one digit (`--number 2026`): one held-out writer's digits side by side.
    number: { type: 'string' },
    scale: { type: 'string', default: '2' },
    viewport: { type: 'string' },
    scheme: { type: 'string', default: 'light' },
    // A touch screen, as a phone has (the pad's hint then names no keys).
    touch: { type: 'boolean', default: false },
  },
});

function parseScheme(text: string): 'light' | 'dark' {
  if (text !== 'light' && text !== 'dark') throw new Error(`--scheme takes light or dark, got '${text}'`);
  return text;
}

const out = resolve(REPO_ROOT, values.out);
const label = Number(values.digit);
const viewport = viewportFlag(values.viewport, DESKTOP);
const colorScheme = parseScheme(values.scheme);

/** The first held-out digit of that class (writers 25-30), in a fixed order: the same every time. */
function digitStrokes(held: readonly PenDigit[], label: number, box: PadBox): [string, Stroke[]] {
  const digit = held.find((candidate) => candidate.label === label);
  if (digit === undefined) throw new Error(`no held-out pen digit ${label}`);
  return [describeDigit(digit), strokesFor(digit, box, TIDY_PLACEMENT)];
}

/** The number in the first held-out writer's hand who wrote all its digits, evenly spaced. */
function numberStrokes(held: readonly PenDigit[], text: string, box: PadBox): [string, Stroke[]] {
  const digits = [...text].map(Number);
  if (digits.length === 0 || digits.some((d) => !Number.isInteger(d)))
    throw new Error(`--number takes digits, got '${text}'`);
  const writer = [...new Set(held.map((d) => d.writer))].find((w) =>
    digits.every((d) => held.some((s) => s.writer === w && s.label === d)),
  );
  const samples = digits.map((d) => held.find((s) => s.writer === writer && s.label === d)!);
  if (writer === undefined) throw new Error(`no held-out writer wrote all of ${text}`);
  const composed = composeFromSamples(samples, createRandom(1), {
    pad: box,
    height: [0.25, 0.25],
    gap: [0.3, 0.3],
    sizeJitter: 0,
    gapJitter: 0,
    slope: 0,
    baselineJitter: 0,
    delayedShare: 0,
  });
  return [`${text} by pen writer ${writer}`, composed.strokes.map((stroke) => densify(stroke, MOUSE_STEP))];
}

await withHarness(async ({ server, browser }) => {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: Number(values.scale),
    colorScheme,
    hasTouch: values.touch,
  });
  const app = await PadPage.open(context, server.url);
  await app.modelReady();
  await app.pad.scrollIntoViewIfNeeded();
  const held = inFixedOrder(heldOut(await loadPenDigits()));
  const [what, strokes] =
    values.number === undefined
      ? digitStrokes(held, label, await app.padBox())
      : numberStrokes(held, values.number, await app.padBox());
  const shown = await app.drawAndRead('mouse', strokes);
  const number = await app.prediction.getAttribute('data-number');
  const page = await app.page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    window.scrollTo(0, 0);
    return { width: scroller.scrollWidth, height: scroller.scrollHeight };
  });
  await mkdir(dirname(out), { recursive: true });
  await app.page.screenshot({ path: out, animations: 'disabled' });
  const scrolls =
    page.width > viewport.width || page.height > viewport.height
      ? `; the page is ${page.width}x${page.height}, it scrolls`
      : '';
  console.log(
    `${out}: ${what}, read as ${number} (${(shown.confidence * 100).toFixed(0)}%) ` +
      `on ${await app.backend()}, ${viewport.width}x${viewport.height} at ${values.scale}x, ${colorScheme}${values.touch ? ', touch' : ''}${scrolls}`,
  );
  await context.close();
});
