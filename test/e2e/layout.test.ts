import { describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import { heldOut, inFixedOrder, loadPenDigits, strokesFor, TIDY_PLACEMENT } from './pendigits';
import type { Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

interface Screen {
  readonly name: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly deviceScaleFactor: number;
  readonly hasTouch: boolean;
  /** The pad's shape there: wider than tall where a number needs the room, else square. */
  readonly pad: 'wide' | 'square';
}

/** The screens of the trial (issue 13), plus the desktop window the other tests use. */
const SCREENS: readonly Screen[] = [
  {
    name: 'phone landscape 844x390',
    viewport: { width: 844, height: 390 },
    deviceScaleFactor: 3,
    hasTouch: true,
    pad: 'wide',
  },
  // Chromium at 200% zoom in a 1280x800 window: a 640x400 CSS viewport at two device pixels each.
  {
    name: '200% zoom of 1280x800',
    viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2,
    hasTouch: false,
    pad: 'wide',
  },
  {
    name: 'small phone 320x568',
    viewport: { width: 320, height: 568 },
    deviceScaleFactor: 2,
    hasTouch: true,
    pad: 'square',
  },
  {
    name: 'phone 390x844',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    hasTouch: true,
    pad: 'square',
  },
  {
    name: '900 px wide',
    viewport: { width: 900, height: 600 },
    deviceScaleFactor: 1,
    hasTouch: false,
    pad: 'wide',
  },
  {
    name: '640 px wide',
    viewport: { width: 640, height: 480 },
    deviceScaleFactor: 1,
    hasTouch: false,
    pad: 'square',
  },
  {
    name: 'desktop 1000x760',
    viewport: { width: 1000, height: 760 },
    deviceScaleFactor: 1,
    hasTouch: false,
    pad: 'square',
  },
  {
    name: 'laptop 1280x800',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    hasTouch: false,
    pad: 'wide',
  },
];

const area = (box: Box) => (box.right - box.left) * (box.bottom - box.top);

interface Box {
  readonly name: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Where everything the answer needs is, and how far the page scrolls. */
async function measure(app: PadPage) {
  return app.page.evaluate(() => {
    const box = (name: string, element: Element | null) => {
      if (element === null) throw new Error(`no ${name}`);
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { name, left, top, right, bottom };
    };
    const button = (name: string) =>
      Array.from(document.querySelectorAll('button')).find((b) => b.textContent === name) ?? null;
    const parts = [
      box('pad', document.querySelector('canvas[aria-label="Drawing pad"]')),
      box('prediction', document.querySelector('[data-testid="prediction"]')),
      box('model input', document.querySelector('canvas.model-input')),
      box('chart', document.querySelector('[data-testid="probabilities"]')),
      box('Undo', button('Undo')),
      box('Clear', button('Clear')),
      box('Redo', button('Redo')),
      box('About', document.querySelector('.about summary')),
    ];
    // Labels shown over the bars; those hidden for being under 1% are 1 px boxes.
    const labels = Array.from(document.querySelectorAll('[data-testid="probabilities"] .bar-value'))
      .map((label, digit) => box(`label ${digit}`, label))
      .filter((label) => label.right - label.left > 1);
    const scroller = document.scrollingElement ?? document.documentElement;
    return {
      parts,
      labels,
      viewport: { width: window.innerWidth, height: window.innerHeight },
      scroll: { width: scroller.scrollWidth, height: scroller.scrollHeight },
    };
  });
}

const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

async function expectEverythingInView(app: PadPage, screen: Screen, state: string) {
  const { parts, labels, viewport, scroll } = await measure(app);
  const where = `${screen.name}, ${state}`;
  expect(scroll, `${where}: the page scrolls`).toEqual(viewport);
  for (const part of parts) {
    expect(
      part.left >= 0 && part.top >= 0 && part.right <= viewport.width && part.bottom <= viewport.height,
      `${where}: ${part.name} ${JSON.stringify(part)} is outside the ${viewport.width}x${viewport.height} viewport`,
    ).toBe(true);
  }
  // Nothing sits on anything else (the buttons and the preview are inside no other part).
  for (const [i, a] of parts.entries()) {
    for (const b of parts.slice(i + 1))
      expect(overlap(a, b), `${where}: ${a.name} overlaps ${b.name}`).toBe(false);
  }
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1))
      expect(overlap(a, b), `${where}: ${a.name} collides with ${b.name}`).toBe(false);
  }
  // About is at the top right, where its panel opens (right-aligned to the header), not far from it.
  const about = parts.find((part) => part.name === 'About')!;
  expect(about.right, `${where}: About is not at the header's right end`).toBeGreaterThan(
    viewport.width - 32,
  );
  // Fitting by shrinking the pad to a stamp would not do: it is the biggest thing on the page.
  const pad = parts[0];
  expect(pad.right - pad.left, `${where}: the pad is too small`).toBeGreaterThanOrEqual(180);
  for (const part of parts.slice(1))
    expect(area(pad), `${where}: ${part.name} is bigger than the pad`).toBeGreaterThan(area(part));
  // A number needs room across: a wide screen gets a pad at least 10% wider than tall.
  const aspect = (pad.right - pad.left) / (pad.bottom - pad.top);
  if (screen.pad === 'wide') expect(aspect, `${where}: the pad is not wider than tall`).toBeGreaterThan(1.1);
  else expect(aspect, `${where}: the pad is not square`).toBeCloseTo(1, 2);
}

/** Eleven strokes all over the middle of the pad: a scrawl the model is unsure of, so many bars have labels. */
function scrawl({ width, height }: { readonly width: number; readonly height: number }): Stroke[] {
  // One square's worth in the middle of the pad: a wide pad would otherwise see a number.
  const side = Math.min(width, height);
  const left = (width - side) / 2;
  return Array.from({ length: 11 }, (_, i) => [
    { x: left + side * (0.25 + 0.05 * i), y: side * 0.3 },
    { x: left + side * (0.7 - 0.04 * i), y: side * (0.45 + 0.03 * i) },
    { x: left + side * (0.3 + 0.02 * i), y: side * 0.75 },
  ]);
}

describe('layout: everything the answer needs is on screen, without scrolling', () => {
  it.each(SCREENS)('$name', async (screen) => {
    const app = await suite.open(screen);
    await expectEverythingInView(app, screen, 'blank');
    const four = inFixedOrder(heldOut(await loadPenDigits())).find((digit) => digit.label === 4)!;
    const strokes = strokesFor(four, await app.padBox(), TIDY_PLACEMENT);
    await app.drawAndRead('mouse', strokes);
    await expectEverythingInView(app, screen, 'a 4');
    await app.clear();
    await app.drawAndRead('mouse', scrawl(await app.padBox()));
    await expectEverythingInView(app, screen, 'a scrawl');
    await app.clear();
    // Not a digit, with the longest caption and the chart's note over faded bars.
    const { width, height } = await app.padBox();
    await app.pointers.dot(screen.hasTouch ? 'touch' : 'mouse', { x: width / 2, y: height / 2 });
    expect((await app.resultFor(1)).verdict).toBe('not-digit');
    await expectEverythingInView(app, screen, 'not a digit');
  });
});
