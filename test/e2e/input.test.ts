import { beforeAll, describe, expect, it } from 'vitest';
import { PALM_WINDOW_MS } from '../../src/pad/pointerArbiter';
import type { PadPage } from './padPage';
import {
  heldOut,
  loadPenDigits,
  stratifiedSample,
  strokesFor,
  TIDY_PLACEMENT,
  type PenDigit,
} from './pendigits';
import type { PointerKind, Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

type RecordingCanvas = HTMLCanvasElement & { pointerTypes?: string[] };

/** Which pointer types reached the pad, as the page saw them (`PointerEvent.pointerType`). */
async function recordPointerTypes(app: PadPage): Promise<() => Promise<string[]>> {
  await app.pad.evaluate((canvas: RecordingCanvas) => {
    const seen: string[] = (canvas.pointerTypes = []);
    canvas.addEventListener('pointerdown', (event) => seen.push(event.pointerType));
  });
  return () => app.pad.evaluate((canvas: RecordingCanvas) => [...(canvas.pointerTypes ?? [])]);
}

interface Drawn {
  readonly digit: number | null;
  readonly strokes: number;
  readonly probabilities: number[];
  readonly pixels: string;
}

async function drawOnce(app: PadPage, kind: PointerKind, strokes: readonly Stroke[]): Promise<Drawn> {
  // A finger landing within the palm window of a pen's last event is a palm, and ignored: a
  // person who puts the pen down and draws with a finger takes longer than that.
  if (kind === 'touch') await app.page.waitForTimeout(PALM_WINDOW_MS + 100);
  const shown = await app.drawAndRead(kind, strokes);
  const result = {
    digit: shown.digit,
    strokes: shown.strokes,
    probabilities: await app.probabilities(),
    pixels: (await app.padPixels()).digest,
  };
  await app.clear();
  return result;
}

describe('touch and pen', () => {
  let digits: PenDigit[];

  beforeAll(async () => {
    // One of each class, two-stroke ones included: the same sample every run.
    digits = stratifiedSample(heldOut(await loadPenDigits()), 1, 7);
  });

  it('draw and predict exactly as the mouse does, digit for digit', async () => {
    const app = await suite.open({ hasTouch: true });
    const pointerTypes = await recordPointerTypes(app);
    const pad = await app.padBox();
    for (const digit of digits) {
      const strokes = strokesFor(digit, pad, TIDY_PLACEMENT);
      const mouse = await drawOnce(app, 'mouse', strokes);
      expect(mouse.strokes).toBe(digit.strokes.length);
      expect(mouse.digit).not.toBeNull();
      for (const kind of ['touch', 'pen'] as const) {
        // Same points, same pad: the same pixels and the same numbers, not merely the same digit.
        expect(await drawOnce(app, kind, strokes), `${kind}, digit ${digit.label}`).toEqual(mouse);
      }
    }
    // The page really saw each pointer type: one pointerdown per stroke, in drawing order.
    const kinds = ['mouse', 'touch', 'pen'] as const;
    const expected = digits.flatMap((digit) =>
      kinds.flatMap((kind) => Array<string>(digit.strokes.length).fill(kind)),
    );
    expect(await pointerTypes()).toEqual(expected);
  });

  it('ignores a second finger that lands during a stroke', async () => {
    const app = await suite.open({ hasTouch: true });
    const pad = await app.padBox();
    const seven = digits.find((digit) => digit.label === 7 && digit.strokes.length === 1) ?? digits[0];
    const [stroke] = strokesFor({ ...seven, strokes: seven.strokes.slice(0, 1) }, pad, TIDY_PLACEMENT);
    const alone = await drawOnce(app, 'touch', [stroke]);

    // The second finger crosses the whole pad, far from the first one's line.
    const secondFinger: Stroke = Array.from({ length: 24 }, (_, i) => ({
      x: pad.width * (0.05 + 0.9 * (i / 23)),
      y: pad.height * (0.9 - 0.8 * (i / 23)),
    }));
    await app.pointers.twoFingers(stroke, Math.floor(stroke.length / 3), secondFinger);
    const withSecond = await app.resultFor(1);
    expect({
      digit: withSecond.digit,
      strokes: withSecond.strokes,
      probabilities: await app.probabilities(),
      pixels: (await app.padPixels()).digest,
    }).toEqual(alone);

    // Had the second finger made a stroke of its own, it ended before this one: the next result
    // would be for three strokes, not two.
    await app.draw('mouse', [
      [
        { x: pad.width * 0.1, y: pad.height * 0.1 },
        { x: pad.width * 0.2, y: pad.height * 0.1 },
      ],
    ]);
    await app.page.waitForSelector('[data-testid="prediction"]:is([data-strokes="2"], [data-strokes="3"])');
    expect((await app.readPrediction()).strokes).toBe(2);
  });
});
