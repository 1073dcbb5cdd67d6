import { describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import type { Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

/** A pen stroke drawn while a palm rests on the pad: the palm lands first and stays down throughout. */
async function penWithPalm(app: PadPage, pen: Stroke, palm: { x: number; y: number }) {
  const cdp = await app.page.context().newCDPSession(app.page);
  const box = await app.padBox();
  const at = (point: { x: number; y: number }) => ({ x: box.x + point.x, y: box.y + point.y });
  const hand = { ...at(palm), id: 5, radiusX: 20, radiusY: 20, force: 0.5 };
  const penEvent = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', point: { x: number; y: number }) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      ...at(point),
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: type === 'mouseMoved' ? 0 : 1,
      pointerType: 'pen',
      force: 0.5,
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [hand] });
  // The palm drags a little before the pen touches: it is the active pointer then.
  for (const dy of [4, 8, 12]) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ ...hand, y: hand.y + dy }],
    });
  }
  await penEvent('mousePressed', pen[0]);
  for (const point of pen.slice(1)) await penEvent('mouseMoved', point);
  await penEvent('mouseReleased', pen[pen.length - 1]);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('palm rejection in Chromium', () => {
  it('draws the pen stroke, not the palm that touched the pad first', async () => {
    const app = await suite.open({ hasTouch: true });
    const { width } = await app.padBox();
    const pen: Stroke = Array.from({ length: 16 }, (_, i) => ({
      x: width * 0.5,
      y: width * (0.2 + 0.04 * i),
    }));
    const palm = { x: width * 0.85, y: width * 0.8 };

    // First, on a pad that has seen no pen yet: the palm is the active pointer when the pen lands.
    await penWithPalm(app, pen, palm);
    const withPalm = { prediction: await app.resultFor(1), pixels: (await app.padPixels()).digest };
    await app.clear();

    await app.draw('pen', [pen]);
    expect(await app.resultFor(1)).toEqual(withPalm.prediction);
    expect((await app.padPixels()).digest, 'the pad shows the pen stroke alone').toBe(withPalm.pixels);
  });
});
