import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRandom } from '../../src/learning/random';
import type { PadPage } from './padPage';
import { heldOut, loadPenDigits, randomPlacement, stratifiedSample, strokesFor } from './pendigits';
import type { Stroke } from './pointers';
import { DESKTOP, e2eSuite, maxDifference } from './suite';

/** The hand-over must not change an answer beyond float rounding: same kernels' maths, same weights. */
const TOLERANCE = 1e-5;
const DRAWINGS = 4;

const suite = e2eSuite();

/** Probabilities of each drawing, read one after the other on `app`. */
async function readAll(app: PadPage, drawings: readonly Stroke[][]): Promise<number[][]> {
  const results: number[][] = [];
  for (const strokes of drawings) {
    await app.drawAndRead('mouse', strokes);
    results.push(await app.probabilities());
    await app.clear();
  }
  return results;
}

const worst = (got: number[][], want: number[][]) =>
  Math.max(...got.map((row, i) => maxDifference(row, want[i])));

describe('the first answer on CPU, then the hand-over to WASM', () => {
  let drawings: Stroke[][];

  beforeAll(async () => {
    const probe = await suite.open({ backend: 'cpu', viewport: DESKTOP });
    const pad = await probe.padBox();
    const placements = createRandom(5);
    drawings = stratifiedSample(heldOut(await loadPenDigits()), 1, 5)
      .slice(0, DRAWINGS)
      .map((digit) => strokesFor(digit, pad, randomPlacement(placements)));
    await probe.page.context().close();
  });

  it(`answers on cpu, downloads WASM only after the first answer, then answers on wasm; within ${TOLERANCE} of the forced backends`, async () => {
    const forced = {
      cpu: await readAll(await suite.open({ backend: 'cpu' }), drawings),
      wasm: await readAll(await suite.open({ backend: 'wasm' }), drawings),
    };

    const app = await suite.open({ handedOver: false });
    expect(await app.backend()).toBe('cpu');
    const wasmRequests = () => app.watch.requests.filter((url) => /wasm/i.test(url));
    expect(wasmRequests()).toEqual([]);

    const [first, ...rest] = drawings;
    await app.drawAndRead('mouse', first);
    const firstAnswer = await app.probabilities();
    await app.clear();
    expect(await app.settledBackend()).toBe('wasm');
    await expect.poll(() => app.backend()).toBe('wasm');
    expect(wasmRequests().length).toBeGreaterThan(0);
    const afterHandOver = await readAll(app, rest);

    const fromCpu = worst([firstAnswer], forced.cpu.slice(0, 1));
    const fromWasm = worst(afterHandOver, forced.wasm.slice(1));
    console.log(
      `hand-over: first answer vs forced cpu ${fromCpu.toExponential(1)}, after it vs forced wasm ${fromWasm.toExponential(1)}, ` +
        `forced cpu vs forced wasm ${worst(forced.cpu, forced.wasm).toExponential(1)}`,
    );
    expect(fromCpu).toBeLessThanOrEqual(TOLERANCE);
    expect(fromWasm).toBeLessThanOrEqual(TOLERANCE);
    expect(worst(forced.cpu, forced.wasm)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('frees the CPU session: as many tensors after the hand-over as before it', async () => {
    const app = await suite.open({ handedOver: false });
    const before = await app.numTensors();
    await app.drawAndRead('mouse', drawings[0]);
    expect(await app.settledBackend()).toBe('wasm');
    await app.drawAndRead('mouse', drawings[1], 1);
    await app.clear();
    expect(await app.numTensors()).toBe(before);
  });

  it('keeps answering on cpu when the WASM binary cannot be fetched, without an alert', async () => {
    const assets = await readdir(join(inject('distDir'), 'assets'));
    for (const binary of assets.filter((name) => name.endsWith('.wasm')))
      suite.server.fail(`assets/${binary}`, { kind: 'status', status: 404 });
    const app = await suite.open({ expectedConsoleErrors: [/status of 404/], handedOver: false });
    await app.drawAndRead('mouse', drawings[0]);
    // Only WASM is handed over to: WebGL (in software here) would be slower than CPU.
    expect(await app.settledBackend()).toBe('cpu');
    expect(await app.backend()).toBe('cpu');
    expect(await app.page.getByRole('alert').count()).toBe(0);
    await app.drawAndRead('mouse', drawings[1], 1);
    // Drawn beside the first, the second drawing may read as a second digit: the page answers either way.
    expect(await app.prediction.getAttribute('data-number')).toMatch(/^\d+$/);
  });
});
