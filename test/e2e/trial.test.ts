import { describe, expect, it } from 'vitest';
import { PadPage } from './padPage';
import type { Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

/** An L in pad fractions: two strokes. */
const L: Stroke[] = [
  [
    { x: 0.35, y: 0.2 },
    { x: 0.35, y: 0.5 },
    { x: 0.35, y: 0.8 },
  ],
  [
    { x: 0.35, y: 0.8 },
    { x: 0.5, y: 0.8 },
    { x: 0.65, y: 0.8 },
  ],
];

async function onPad(app: PadPage, strokes: readonly Stroke[]): Promise<Stroke[]> {
  const { width, height } = await app.padBox();
  return strokes.map((stroke) => stroke.map(({ x, y }) => ({ x: x * width, y: y * height })));
}

const focusRing = (app: PadPage) =>
  app.page.evaluate(() => document.querySelector(':focus-visible')?.textContent ?? null);

describe("a new user's trial (issue 13)", () => {
  it('takes back a Clear with Ctrl+Z, and redoes with Ctrl+Y, Ctrl+Shift+Z and the Redo button', async () => {
    const app = await suite.open();
    const drawn = await app.drawAndRead('mouse', await onPad(app, L));
    const pixels = (await app.padPixels()).digest;
    const redo = app.page.getByRole('button', { name: 'Redo', exact: true });

    for (const redoIt of [
      () => app.page.keyboard.press('Control+y'),
      () => app.page.keyboard.press('Control+Shift+z'),
      () => redo.click(),
    ]) {
      await app.page.keyboard.press('Escape');
      await app.blank();
      await app.page.keyboard.press('Control+z');
      expect(await app.resultFor(2)).toEqual(drawn);
      expect((await app.padPixels()).digest).toBe(pixels);
      await app.page.keyboard.press('Control+z');
      await app.resultFor(1);
      await redoIt();
      expect(await app.resultFor(2)).toEqual(drawn);
      // The clear is still ahead: Redo would clear again.
      expect(await redo.isEnabled()).toBe(true);
    }
  });

  it('leaves no focus ring on a button once drawing starts', async () => {
    const app = await suite.open();
    await app.drawAndRead('mouse', await onPad(app, L));
    await app.undo();
    await app.page.keyboard.press('Escape');
    await app.blank();
    // The key press made the focused Undo button show its ring, as in the trial.
    expect(await focusRing(app)).toBe('Undo');
    await app.drawAndRead('mouse', await onPad(app, L.slice(0, 1)));
    expect(await focusRing(app)).toBeNull();
  });

  it('has an SVG favicon, served from under the base path', async () => {
    const app = await suite.open();
    const href = await app.page.locator('link[rel="icon"]').evaluate((link: HTMLLinkElement) => link.href);
    expect(href.startsWith(suite.server.url)).toBe(true);
    const response = await app.page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<path/);
  });

  it('keeps the backend in the About panel, out of the header', async () => {
    const app = await suite.open();
    expect(await app.backend()).toMatch(/^(webgl|wasm|cpu)$/);
    expect(await app.page.getByTestId('backend').isVisible()).toBe(false);
    await expect.poll(() => app.page.locator('header').innerText()).not.toMatch(/backend|wasm|webgl/i);
    await app.page.getByText('About', { exact: true }).click();
    expect(await app.page.getByTestId('backend').isVisible()).toBe(true);
    // Nothing drawn yet: the panel's text comes from the later chunk once it opens.
    await expect.poll(() => app.page.getByRole('link', { name: /MNIST/ }).count()).toBe(1);
    expect(await app.page.getByRole('link', { name: /Pen-Based Recognition/ }).count()).toBe(1);
  });

  it.each([
    [
      'a phone',
      { isMobile: true, hasTouch: true },
      /^Draw a digit or a whole number, with a finger or a pen\./,
    ],
    ['a desktop', { isMobile: false, hasTouch: false }, /Ctrl\+Z undoes, Ctrl\+Y redoes, Esc clears/],
  ])('words the hint for %s', async (_name, device, hint) => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, ...device });
    try {
      const app = await PadPage.open(context, suite.server.url);
      await app.modelReady();
      const text = await app.page.locator('.hint').innerText();
      expect(text).toMatch(hint);
      if (device.isMobile) expect(text).not.toMatch(/Ctrl|Cmd|Esc/);
    } finally {
      await context.close();
    }
  });
});
