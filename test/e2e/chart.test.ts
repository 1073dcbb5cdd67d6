import { describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import type { Stroke } from './pointers';
import { argmax, e2eSuite } from './suite';

const suite = e2eSuite();

/** A four drawn as three strokes (down-stroke, bar, stem), in fractions of the pad. */
const FOUR: readonly Stroke[] = [
  [
    { x: 0.45, y: 0.2 },
    { x: 0.3, y: 0.55 },
  ],
  [
    { x: 0.3, y: 0.55 },
    { x: 0.7, y: 0.55 },
  ],
  [
    { x: 0.6, y: 0.25 },
    { x: 0.6, y: 0.85 },
  ],
];

async function onPad(app: PadPage, strokes: readonly Stroke[]): Promise<Stroke[]> {
  const { width, height } = await app.padBox();
  return strokes.map((stroke) => {
    const dense = [];
    const [from, to] = stroke;
    for (let i = 0; i <= 20; i++) {
      dense.push({
        x: width * (from.x + ((to.x - from.x) * i) / 20),
        y: height * (from.y + ((to.y - from.y) * i) / 20),
      });
    }
    return dense;
  });
}

/** The chart holds: ten bars 0-9, probabilities in 0..1 summing to 1, text that reads `7: 93%`. */
async function expectWellFormedChart(app: PadPage): Promise<number[]> {
  const bars = await app.bars();
  expect(bars.map(({ digit }) => digit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  for (const { digit, probability, text } of bars) {
    expect(probability).toBeGreaterThanOrEqual(0);
    expect(probability).toBeLessThanOrEqual(1);
    expect(text).toBe(`${digit}: ${Math.round(probability * 100)}%`);
  }
  const probabilities = bars.map(({ probability }) => probability);
  expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 2);
  // Ten rounded percentages are each off by at most half a point.
  const shownPercent = bars.reduce((sum, { text }) => sum + Number(/(\d+)%$/.exec(text)?.[1]), 0);
  expect(Math.abs(shownPercent - 100)).toBeLessThanOrEqual(5);
  return probabilities;
}

describe('chart, Clear and Undo', () => {
  it('shows ten bars summing to 100% that change with every stroke, and agree with the prediction', async () => {
    const app = await suite.open();
    const strokes = await onPad(app, FOUR);
    let previous = await expectWellFormedChart(app);
    for (const [i, stroke] of strokes.entries()) {
      const shown = await app.drawAndRead('mouse', [stroke], i);
      const probabilities = await expectWellFormedChart(app);
      expect(probabilities, `the chart after stroke ${i + 1}`).not.toEqual(previous);
      expect(shown.digit).toBe(argmax(probabilities));
      expect(shown.confidence).toBeCloseTo(Math.max(...probabilities), 6);
      previous = probabilities;
    }
  });

  it('undoes stroke by stroke with the button, Ctrl+Z and Cmd+Z, back to exactly the earlier result and pixels', async () => {
    const app = await suite.open();
    const strokes = await onPad(app, FOUR);
    const blankPixels = await app.padPixels();
    expect(blankPixels.inked).toBe(0);
    const after: { probabilities: number[]; digest: string }[] = [];
    for (const [i, stroke] of strokes.entries()) {
      await app.drawAndRead('mouse', [stroke], i);
      after.push({ probabilities: await app.probabilities(), digest: (await app.padPixels()).digest });
    }

    const undoes = [
      () => app.undo(),
      () => app.page.keyboard.press('Control+z'),
      () => app.page.keyboard.press('Meta+z'),
    ];
    for (const [i, undo] of undoes.entries()) {
      const left = strokes.length - 1 - i;
      await undo();
      if (left === 0) {
        await app.blank();
        expect((await app.padPixels()).digest).toBe(blankPixels.digest);
      } else {
        await app.resultFor(left);
        expect({ probabilities: await app.probabilities(), digest: (await app.padPixels()).digest }).toEqual(
          after[left - 1],
        );
      }
    }

    // Undo on an empty pad changes nothing; the pad still draws afterwards.
    await app.undo();
    await app.page.keyboard.press('Control+z');
    expect(await app.drawAndRead('mouse', strokes.slice(0, 1))).toMatchObject({ strokes: 1 });
    expect(await app.probabilities()).toEqual(after[0].probabilities);
  });

  it('clears everything with the button and with Escape', async () => {
    const app = await suite.open();
    const strokes = await onPad(app, FOUR);
    const blankPixels = (await app.padPixels()).digest;
    const clears = [
      () => app.page.getByRole('button', { name: 'Clear', exact: true }).click(),
      () => app.page.keyboard.press('Escape'),
    ];
    for (const clear of clears) {
      await app.drawAndRead('mouse', strokes);
      await clear();
      expect(await app.blank()).toEqual({ digit: null, confidence: 0, strokes: 0, verdict: '' });
      expect((await app.padPixels()).digest).toBe(blankPixels);
      // The next drawing starts from nothing: one stroke is one stroke.
      await app.drawAndRead('mouse', strokes.slice(0, 1));
      await app.clear();
    }
  });
});
