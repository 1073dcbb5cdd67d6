import { beforeAll, describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import {
  heldOut,
  inFixedOrder,
  loadPenDigits,
  stratifiedSample,
  strokesFor,
  TIDY_PLACEMENT,
  type PenDigit,
} from './pendigits';
import type { Stroke } from './pointers';
import { e2eSuite, margin, maxDifference } from './suite';

const suite = e2eSuite();

/**
 * How far probabilities may move when the same digit is drawn on a pad of another size (the
 * trained model moved at most 0.045 on an ambiguous digit, 0 on clear ones).
 */
const RESIZE_TOLERANCE = 0.1;

/** Predictions the leak check makes; each draws or undoes a stroke and waits for its result. */
const PREDICTIONS = 300;

describe('a well-behaved page', () => {
  let digits: PenDigit[];
  let twoStrokes: PenDigit;

  beforeAll(async () => {
    const held = heldOut(await loadPenDigits());
    digits = stratifiedSample(held, 1, 23).slice(0, 4);
    const four = inFixedOrder(held).find((digit) => digit.label === 4 && digit.strokes.length === 2);
    if (four === undefined) throw new Error('no two-stroke 4 among the held-out pen digits');
    twoStrokes = four;
  });

  it('logs no errors and requests nothing outside its own origin', async () => {
    const app = await suite.open();
    const pad = await app.padBox();
    for (const digit of digits) {
      await app.drawAndRead('mouse', strokesFor(digit, pad, TIDY_PLACEMENT));
      await app.undo();
      await app.clear();
    }
    const { requests, consoleErrors, pageErrors } = app.watch;
    // The recording works: the page, its script and the model were all seen.
    expect(requests.some((url) => url.endsWith('/models/cnn/model.json'))).toBe(true);
    expect(requests.filter((url) => url.startsWith(suite.server.url)).length).toBeGreaterThanOrEqual(4);
    expect(app.watch.foreignRequests(suite.server.origin)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('asks for the catalog and each model file once, the first two from index.html itself', async () => {
    const app = await suite.open();
    const modelFiles = await app.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.includes('/models/'))
        .map((path) => path.replace(/.*\/models\//, ''))
        .sort(),
    );
    expect(modelFiles).toEqual(['cnn/group1-shard1of1.bin', 'cnn/model.json', 'index.json']);
    expect(await app.page.evaluate(() => document.head.innerHTML)).toContain(
      '"models/index.json","models/cnn/model.json"',
    );
  });

  it(`holds no more tensors after ${PREDICTIONS} predictions than after the first`, async () => {
    const app = await suite.open();
    const { width, height } = await app.padBox();
    const line = (y: number): Stroke => [
      { x: width * 0.3, y: height * y },
      { x: width * 0.5, y: height * (y + 0.05) },
      { x: width * 0.7, y: height * y },
    ];
    // One stroke stays; a second is drawn and undone: two predictions a round.
    await app.drawAndRead('mouse', [line(0.3)]);
    await app.drawAndRead('mouse', [line(0.6)], 1);
    await app.undo();
    await app.resultFor(1);
    const before = await app.numTensors();
    const started = Date.now();
    for (let round = 0; round < PREDICTIONS / 2; round++) {
      await app.drawAndRead('mouse', [line(0.4 + (round % 10) * 0.04)], 1);
      await app.page.keyboard.press('Control+z');
      await app.resultFor(1);
    }
    const after = await app.numTensors();
    console.log(
      `tensors: ${before} before, ${after} after ${PREDICTIONS} predictions on ${await app.backend()} ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    expect(after).toBe(before);
  });

  describe('the same drawing, the same prediction', () => {
    async function readDigits(app: PadPage, pad: { width: number; height: number }) {
      const results = [];
      for (const digit of digits) {
        const shown = await app.drawAndRead('mouse', strokesFor(digit, pad, TIDY_PLACEMENT));
        results.push({ digit: shown.digit, probabilities: await app.probabilities() });
        await app.clear();
      }
      return results;
    }

    it('at device pixel ratio 1 and 2', async () => {
      const sharp = await suite.open({ deviceScaleFactor: 2 });
      const plain = await suite.open({ deviceScaleFactor: 1 });
      const pad = await plain.padBox();
      expect(await sharp.padBox()).toEqual(pad);
      // The model reads strokes in CSS px: the screen's pixel density changes nothing.
      expect(await readDigits(sharp, pad)).toEqual(await readDigits(plain, pad));
      // And the pad is drawn at the screen's density: one backing pixel per device pixel.
      for (const [app, ratio] of [
        [sharp, 2],
        [plain, 1],
      ] as const) {
        const pixels = await app.padPixels();
        expect([pixels.width, pixels.height]).toEqual([
          Math.ceil(pixels.cssWidth * ratio),
          Math.ceil(pixels.cssHeight * ratio),
        ]);
      }
    });

    it('after the window is resized: the shown result stays, and drawing again gives the same digits', async () => {
      const app = await suite.open({ deviceScaleFactor: 2 });
      let pad = await app.padBox();
      const before = await readDigits(app, pad);
      const strokes = strokesFor(twoStrokes, pad, TIDY_PLACEMENT);
      const first = await app.drawAndRead('mouse', strokes.slice(0, 1));
      const firstProbabilities = await app.probabilities();
      const shown = await app.drawAndRead('mouse', strokes.slice(1), 1);
      const probabilities = await app.probabilities();

      for (const viewport of [
        { width: 420, height: 820 }, // a phone held upright
        { width: 1280, height: 600 }, // a wide, short window
      ]) {
        await app.page.setViewportSize(viewport);
        pad = await app.padResized(pad);
        expect(await app.readPrediction()).toEqual(shown);
        expect(await app.probabilities()).toEqual(probabilities);
        // The pad repainted the drawing at its new size.
        expect((await app.padPixels()).inked).toBeGreaterThan(0);
      }
      // Recognising the stored strokes again (Undo re-reads the first) gives what it gave before.
      await app.undo();
      expect(await app.resultFor(1)).toEqual(first);
      expect(await app.probabilities()).toEqual(firstProbabilities);
      await app.clear();

      // The same digits drawn to the new pad's scale: the line is drawn a little differently at
      // another size, so the numbers move a little; the digit does not.
      const after = await readDigits(app, pad);
      for (const [i, reference] of before.entries()) {
        expect(maxDifference(after[i].probabilities, reference.probabilities)).toBeLessThanOrEqual(
          RESIZE_TOLERANCE,
        );
        if (margin(reference.probabilities) > 2 * RESIZE_TOLERANCE)
          expect(after[i].digit).toBe(reference.digit);
      }
    });
  });
});
