import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/learning/random';
import { composeFromSamples } from '../../src/number/composeNumber';
import type { PadPage } from './padPage';
import { densify, heldOut, loadPenDigits, MOUSE_STEP, type PenDigit } from './pendigits';
import type { PointerKind, Stroke } from './pointers';
import { e2eSuite } from './suite';

/**
 * Numbers written in one go, through the built page and the committed model: real held-out pen
 * digits of one writer laid side by side as a person writes a number, drawn with pointer events.
 */
const suite = e2eSuite();

/** The writer and samples: held-out writer 28's first sample of each digit it is read right alone. */
const WRITER = 28;
let byDigit: Map<number, PenDigit[]>;

beforeAll(async () => {
  const samples = heldOut(await loadPenDigits()).filter((sample) => sample.writer === WRITER);
  byDigit = new Map();
  for (const sample of samples) byDigit.set(sample.label, [...(byDigit.get(sample.label) ?? []), sample]);
});

/** The digits as one number on the page's pad, evenly spaced, level, in writing order. */
async function numberStrokes(app: PadPage, digits: readonly number[], delayed = false): Promise<Stroke[]> {
  const used = new Map<number, number>();
  const samples = digits.map((digit) => {
    const n = used.get(digit) ?? 0;
    used.set(digit, n + 1);
    // A 4 finished last must have a second stroke to finish it with.
    const pool = byDigit.get(digit)!.filter((s) => !(delayed && digit === 4) || s.strokes.length > 1);
    return pool[n % pool.length];
  });
  const box = await app.padBox();
  const composed = composeFromSamples(samples, createRandom(1), {
    pad: { width: box.width, height: box.height },
    height: [0.22, 0.22],
    sizeJitter: 0,
    gap: [0.35, 0.35],
    gapJitter: 0,
    slope: 0,
    baselineJitter: 0,
    delayedShare: delayed ? 1 : 0,
  });
  if (delayed)
    expect(composed.delayedStroke, 'the 4 has a second stroke drawn after the next digit').toBe(true);
  return composed.strokes.map((stroke) => densify(stroke, MOUSE_STEP));
}

async function readNumber(app: PadPage) {
  return app.prediction.evaluate((element) => ({
    number: element.getAttribute('data-number'),
    digit: element.getAttribute('data-digit'),
    digits: Array.from(
      document.querySelector('[data-testid="digits"]')?.children ?? [],
      (child) => child.getAttribute('data-digit') ?? '',
    ).join(''),
  }));
}

describe('numbers, in Chromium', () => {
  it.each<[PointerKind, boolean]>([
    ['mouse', false],
    ['touch', true],
  ])('reads "2026" drawn with the %s, and Undo of the last stroke reads 202', async (kind, hasTouch) => {
    const app = await suite.open({ backend: 'wasm', hasTouch });
    const strokes = await numberStrokes(app, [2, 0, 2, 6]);
    await app.drawAndRead(kind, strokes);
    expect(await readNumber(app)).toEqual({ number: '2026', digit: '', digits: '2026' });
    // The 6 is the last digit; its strokes come last: undo them all and the number follows.
    const sixStrokes = byDigit.get(6)![0].strokes.length;
    for (let undone = 1; undone <= sixStrokes; undone++) {
      await app.page.getByRole('button', { name: 'Undo' }).click();
      await app.resultFor(strokes.length - undone);
    }
    expect((await readNumber(app)).number).toBe('202');
  });

  it('reads digits written one at a time, waiting for the answer after each', async () => {
    const app = await suite.open({ backend: 'wasm' });
    const strokes = await numberStrokes(app, [4, 1, 7]);
    let drawn = 0;
    for (const [n, digit] of [4, 1, 7].entries()) {
      const count = byDigit.get(digit)![0].strokes.length;
      await app.drawAndRead('mouse', strokes.slice(drawn, drawn + count), drawn);
      drawn += count;
      expect((await readNumber(app)).number).toBe('417'.slice(0, n + 1));
    }
  });

  it('keeps a 4 whose second stroke comes after the next digit one digit', async () => {
    const app = await suite.open({ backend: 'wasm' });
    const strokes = await numberStrokes(app, [4, 1], true);
    await app.drawAndRead('mouse', strokes);
    expect(await readNumber(app)).toEqual({ number: '41', digit: '', digits: '41' });
  });
});
