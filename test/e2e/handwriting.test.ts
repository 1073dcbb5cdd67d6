import { createRandom } from '../../src/learning/random';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeDigit,
  heldOut,
  loadPenDigits,
  randomPlacement,
  stratifiedSample,
  strokesFor,
  type PenDigit,
} from './pendigits';
import { e2eSuite } from './suite';

/**
 * Share of the sample the page must read right: a few points under what the committed model
 * measures here, so a real regression fails and a retrained model of the same quality does not.
 * The sample and the drawing are fixed, so a given build always measures the same: 118/120
 * (98.3%) with the committed model.
 */
const ACCURACY_BAR = 0.95;

/** Digits per class: 120 in all, from writers the model never saw. */
const PER_DIGIT = 12;
const SAMPLE_SEED = 4;
const MISREADS_SHOWN = 30;

const suite = e2eSuite();

describe('real handwriting', () => {
  let sample: PenDigit[];

  beforeAll(async () => {
    sample = stratifiedSample(heldOut(await loadPenDigits()), PER_DIGIT, SAMPLE_SEED);
  });

  it(`reads ${PER_DIGIT * 10} held-out pen digits drawn with the mouse at many sizes and places`, async () => {
    const app = await suite.open();
    const pad = await app.padBox();
    const placements = createRandom(SAMPLE_SEED + 1);
    const outcomes: { digit: PenDigit; read: number | null; strokes: number }[] = [];
    const started = Date.now();

    for (const digit of sample) {
      const strokes = strokesFor(digit, pad, randomPlacement(placements));
      const shown = await app.drawAndRead('mouse', strokes);
      outcomes.push({ digit, read: shown.digit, strokes: shown.strokes });
      await app.clear();
    }

    const right = outcomes.filter(({ digit, read }) => read === digit.label);
    const accuracy = right.length / outcomes.length;
    const perClass = Array.from({ length: 10 }, (_, label) => {
      const members = outcomes.filter(({ digit }) => digit.label === label);
      return `${label}:${members.filter(({ read }) => read === label).length}/${members.length}`;
    });
    const misread = outcomes
      .filter(({ digit, read }) => read !== digit.label)
      .map(({ digit, read }) => `${describeDigit(digit)} read as ${read ?? 'nothing'}`);
    console.log(
      [
        `handwriting: ${right.length}/${outcomes.length} right = ${(accuracy * 100).toFixed(1)}% ` +
          `(bar ${(ACCURACY_BAR * 100).toFixed(0)}%), backend ${await app.backend()}, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
        `per digit ${perClass.join(' ')}`,
        ...misread.slice(0, MISREADS_SHOWN).map((line) => `  ${line}`),
        ...(misread.length > MISREADS_SHOWN ? [`  ... and ${misread.length - MISREADS_SHOWN} more`] : []),
      ].join('\n'),
    );

    // Every digit got a result for exactly its own strokes, and a digit (there is ink).
    expect(outcomes.filter(({ digit, strokes }) => strokes !== digit.strokes.length)).toEqual([]);
    expect(outcomes.filter(({ read }) => read === null).map(({ digit }) => describeDigit(digit))).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(ACCURACY_BAR);
  });
});
