import { describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import { createRandom } from '../../src/learning/random';
import type { PointerKind, Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

/** A result that is either nothing (too little ink to read) or a well-formed prediction. */
async function expectSaneResult(app: PadPage, strokes: number): Promise<void> {
  const shown = await app.resultFor(strokes);
  expect(await app.status.getAttribute('data-state')).toBe('ready');
  const probabilities = await app.probabilities();
  expect(probabilities.every(Number.isFinite)).toBe(true);
  expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 2);
  if (shown.digit !== null) {
    expect(shown.digit).toBeGreaterThanOrEqual(0);
    expect(shown.digit).toBeLessThanOrEqual(9);
    expect(shown.confidence).toBeCloseTo(Math.max(...probabilities), 6);
  }
}

describe('odd input', () => {
  it('a blank pad shows no prediction, before and after drawing', async () => {
    const app = await suite.open();
    expect(await app.readPrediction()).toEqual({ digit: null, confidence: 0, strokes: 0, verdict: '' });
    expect((await app.prediction.textContent())?.match(/[0-9]/)).toBeNull();
    expect((await app.padPixels()).inked).toBe(0);
    const { width, height } = await app.padBox();
    await app.drawAndRead('mouse', [
      [
        { x: width * 0.5, y: height * 0.2 },
        { x: width * 0.5, y: height * 0.8 },
      ],
    ]);
    await app.clear();
    expect((await app.prediction.textContent())?.match(/[0-9]/)).toBeNull();
  });

  it.each<PointerKind>(['mouse', 'touch', 'pen'])('a single dot (%s) is handled', async (kind) => {
    const app = await suite.open({ hasTouch: kind === 'touch' });
    const { width, height } = await app.padBox();
    await app.pointers.dot(kind, { x: width * 0.4, y: height * 0.6 });
    await expectSaneResult(app, 1);
    // A dot next to a stroke still leaves the page reading it.
    await app.draw(kind, [
      [
        { x: width * 0.5, y: height * 0.2 },
        { x: width * 0.5, y: height * 0.8 },
      ],
    ]);
    await expectSaneResult(app, 2);
  });

  it('a scribble over the whole pad, and one that runs off its edges, are handled', async () => {
    const app = await suite.open();
    const { width, height } = await app.padBox();
    const random = createRandom(99);
    const scribble: Stroke = Array.from({ length: 300 }, () => ({
      x: width * random(),
      y: height * random(),
    }));
    await app.draw('mouse', [scribble]);
    await expectSaneResult(app, 1);
    await app.clear();

    // Out past the right edge, over the rest of the page, and released there: one stroke, still.
    const offEdge: Stroke = Array.from({ length: 40 }, (_, i) => ({
      x: width * (0.5 + 0.02 * i),
      y: height * (0.3 + 0.01 * i),
    }));
    await app.draw('mouse', [offEdge]);
    await expectSaneResult(app, 1);
  });

  it('many strokes on one digit all count', async () => {
    const app = await suite.open();
    const { width, height } = await app.padBox();
    const strokes: Stroke[] = Array.from({ length: 12 }, (_, i) => [
      { x: width * (0.2 + 0.05 * i), y: height * 0.3 },
      { x: width * (0.25 + 0.05 * i), y: height * 0.7 },
    ]);
    await app.draw('mouse', strokes);
    await expectSaneResult(app, strokes.length);
  });
});
