import type { CDPSession, Locator } from 'playwright-core';

/** A position on the pad, in CSS px from the canvas's top-left corner. */
export interface PadPoint {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly PadPoint[];

/** Where the pad is on the page, CSS px (a Playwright bounding box). */
export interface PadBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type PointerKind = 'mouse' | 'pen' | 'touch';

export interface DrawOptions {
  /**
   * Moves sent together before waiting for the page to take them. Chromium folds moves that
   * arrive within one frame into one `pointermove` whose `getCoalescedEvents()` holds them all,
   * as it does for a real fast pen. Waiting after every move, as `page.mouse.move` does, costs a
   * frame each (about 20 ms here) and would make the handwriting test take minutes.
   */
  readonly movesPerBatch?: number;
}

const DEFAULT_MOVES_PER_BATCH = 12;

/**
 * Input through the Chrome DevTools Protocol, the same `Input.dispatch*Event` commands Playwright's
 * `page.mouse` and `page.touchscreen` send, for the three pointer types. Every event carries an
 * explicit position, so nothing here depends on Playwright's own idea of where the mouse is.
 */
export class Pointers {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly pad: Locator,
  ) {}

  /** Input aimed at `pad`: points are relative to its top-left corner, wherever it is then. */
  static async attach(pad: Locator): Promise<Pointers> {
    const page = pad.page();
    return new Pointers(await page.context().newCDPSession(page), pad);
  }

  private async padBox(): Promise<PadBox> {
    const box = await this.pad.boundingBox();
    if (box === null) throw new Error('the drawing pad is not visible');
    return box;
  }

  /** Draws each stroke as one press, moves and release; touch needs a context with `hasTouch`. */
  async draw(kind: PointerKind, strokes: readonly Stroke[], options: DrawOptions = {}): Promise<void> {
    const box = await this.padBox();
    for (const stroke of strokes) {
      if (stroke.length === 0) throw new Error('a stroke needs at least one point');
      const onPage = stroke.map((point) => ({ x: box.x + point.x, y: box.y + point.y }));
      if (kind === 'touch') await this.touchStroke(onPage, options);
      else await this.mouseStroke(kind, onPage, options);
    }
  }

  private async mouseStroke(pointerType: 'mouse' | 'pen', points: PadPoint[], options: DrawOptions) {
    const send = (
      type: 'mousePressed' | 'mouseMoved' | 'mouseReleased',
      { x, y }: PadPoint,
      pressed: boolean,
    ) =>
      this.cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: pressed || type === 'mouseReleased' ? 'left' : 'none',
        buttons: pressed ? 1 : 0,
        clickCount: type === 'mouseMoved' ? 0 : 1,
        pointerType,
        force: pressed ? 0.5 : 0,
      });
    // Mice and pens hover before they press.
    await send('mouseMoved', points[0], false);
    await send('mousePressed', points[0], true);
    await inBatches(points.slice(1), options, (point) => send('mouseMoved', point, true));
    await send('mouseReleased', points[points.length - 1], false);
  }

  private async touchStroke(points: PadPoint[], options: DrawOptions) {
    const finger = (point: PadPoint) => ({ ...point, id: 1, radiusX: 4, radiusY: 4, force: 0.5 });
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [finger(points[0])] });
    await inBatches(points.slice(1), options, (point) =>
      this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [finger(point)] }),
    );
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /**
   * One finger draws `stroke`; after `landAfter` of its points a second finger lands and follows
   * `secondPath` while the first goes on; both lift at the end (a palm, a pinch, a child helping).
   */
  async twoFingers(stroke: Stroke, landAfter: number, secondPath: Stroke): Promise<void> {
    const box = await this.padBox();
    const at = (point: PadPoint, id: number) => ({
      x: box.x + point.x,
      y: box.y + point.y,
      id,
      radiusX: 4,
      radiusY: 4,
    });
    const touch = (type: 'touchStart' | 'touchMove', touchPoints: ReturnType<typeof at>[]) =>
      this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
    let first = at(stroke[0], 1);
    await touch('touchStart', [first]);
    for (const point of stroke.slice(1, landAfter)) await touch('touchMove', [(first = at(point, 1))]);
    let second = at(secondPath[0], 2);
    await touch('touchStart', [first, second]);
    // The devtools protocol reports a touch for every point whose position changed since the last
    // event, so the fingers move in turn: one event each.
    const rest = stroke.slice(landAfter);
    const steps = Math.max(rest.length, secondPath.length - 1);
    for (let step = 0; step < steps; step++) {
      if (step + 1 < secondPath.length)
        await touch('touchMove', [first, (second = at(secondPath[step + 1], 2))]);
      if (step < rest.length) await touch('touchMove', [(first = at(rest[step], 1)), second]);
    }
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** A press and release without moving: a tap with a finger or a click with the mouse or pen. */
  async dot(kind: PointerKind, point: PadPoint): Promise<void> {
    await this.draw(kind, [[point]]);
  }
}

async function inBatches<T>(items: readonly T[], options: DrawOptions, send: (item: T) => Promise<unknown>) {
  const { movesPerBatch = DEFAULT_MOVES_PER_BATCH } = options;
  for (let start = 0; start < items.length; start += movesPerBatch) {
    // The protocol handles commands in the order sent, so the moves reach the page in order.
    await Promise.all(items.slice(start, start + movesPerBatch).map(send));
  }
}
