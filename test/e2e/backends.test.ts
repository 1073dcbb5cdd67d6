import { createRandom } from '../../src/learning/random';
import { beforeAll, describe, expect, it } from 'vitest';
import { heldOut, loadPenDigits, randomPlacement, stratifiedSample, strokesFor } from './pendigits';
import type { Stroke } from './pointers';
import { BACKENDS, type BackendName } from '../../src/model/backendChoice';
import { argmax, DESKTOP, e2eSuite, margin, maxDifference } from './suite';

/** Backends compute in different orders (and WebGL in textures); beyond this they disagree. */
const TOLERANCE = 1e-3;
const DRAWINGS = 6;

const suite = e2eSuite();

describe('backends', () => {
  let drawings: { name: string; strokes: Stroke[] }[];

  beforeAll(async () => {
    // The pad's size is the same in every page (same window), so the drawings are computed once.
    const probe = await suite.open({ backend: 'cpu' });
    const pad = await probe.padBox();
    const placements = createRandom(11);
    drawings = stratifiedSample(heldOut(await loadPenDigits()), 1, 11)
      .slice(0, DRAWINGS)
      .map((digit) => ({
        name: `pen digit ${digit.label}`,
        strokes: strokesFor(digit, pad, randomPlacement(placements)),
      }));
    await probe.page.context().close();
  });

  it(`webgl, wasm and cpu each load and agree within ${TOLERANCE} on the same drawings`, async () => {
    const results = new Map<BackendName, number[][]>();
    for (const backend of BACKENDS) {
      const app = await suite.open({ backend, viewport: DESKTOP });
      expect(await app.backend()).toBe(backend);
      const outputs: number[][] = [];
      for (const { strokes } of drawings) {
        const shown = await app.drawAndRead('mouse', strokes);
        const probabilities = await app.probabilities();
        expect(shown.digit).toBe(argmax(probabilities));
        outputs.push(probabilities);
        await app.clear();
      }
      results.set(backend, outputs);
    }

    const reference = results.get('cpu')!;
    const worst = BACKENDS.map((backend) => {
      const differences = results.get(backend)!.map((got, i) => maxDifference(got, reference[i]));
      return `${backend} ${Math.max(...differences).toExponential(1)}`;
    });
    console.log(`backends: largest probability difference from cpu: ${worst.join(', ')}`);
    for (const backend of BACKENDS) {
      for (const [i, { name }] of drawings.entries()) {
        const got = results.get(backend)![i];
        const want = reference[i];
        expect(maxDifference(got, want), `${backend} vs cpu, ${name}`).toBeLessThanOrEqual(TOLERANCE);
        // Only a near tie (closer than the tolerance allows to tell apart) may pick another top digit.
        if (margin(want) > 2 * TOLERANCE)
          expect(argmax(got), `${backend} vs cpu, ${name}`).toBe(argmax(want));
      }
    }
  });
});
