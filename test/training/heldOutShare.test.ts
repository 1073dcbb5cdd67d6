import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../src/learning/model';
import type { SetMaker } from '../../training/heldOut';
import { drawAndRead, readHeldOut, shareOut, type HeldOutReader } from '../../training/heldOutShare';

/** `count` inputs of a set, different for every set and sample, drawn as often as asked. */
function maker(count: number, seed: number): SetMaker & { draws: number } {
  const made = {
    count,
    draws: 0,
    draw: () => {
      made.draws++;
      const inputs = Float32Array.from({ length: count * 784 }, (_, i) =>
        Math.abs(Math.sin(seed + i * 0.37)),
      );
      return { inputs, labels: Array.from({ length: count }, (_, i) => (seed + i) % 10) };
    },
  };
  return made;
}

const makers = () =>
  new Map([
    ['mnist', maker(30, 1)],
    ['pen 0.06', maker(12, 2)],
    ['letters', maker(20, 3)],
    ['size 0.1', maker(7, 4)],
    ['tuning', maker(3, 5)],
  ]);

describe('held-out sets shared out between threads', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives every set to exactly one share, the shares about even', () => {
    const shares = shareOut(makers(), 2);
    expect(shares.flat().sort()).toEqual([...makers().keys()].sort());
    // mnist (30) to one, letters (20 x 1.35 = 27) to the other, then each set to the lighter share.
    expect(shares).toEqual([
      ['mnist', 'size 0.1', 'tuning'],
      ['letters', 'pen 0.06'],
    ]);
    expect(shareOut(makers(), 1)).toEqual([['mnist', 'letters', 'pen 0.06', 'size 0.1', 'tuning']]);
  });

  it('reads the same sets and outputs with a helper as without, drawing each set once', async () => {
    const models = [createModel({ seed: 1, outputs: 11 }), createModel({ seed: 2, outputs: 11 })];
    const alone = await readHeldOut(makers(), models, undefined, true);
    const shared = makers();
    const asked: string[][] = [];
    // A helper in this thread: its own model, given each model's weights in turn, as the worker does.
    const own = createModel({ seed: 3, outputs: 11 });
    const helper: HeldOutReader = {
      readHeldOut: ({ names, weights }) => {
        asked.push(names);
        const withWeights = (values: Float32Array[]) => () => {
          own.setWeights(values.map((v, i) => tf.tensor(v, own.getWeights()[i].shape)));
          return own;
        };
        return drawAndRead(shared, names, weights.map(withWeights));
      },
    };
    const together = await readHeldOut(shared, models, helper, true);
    expect(asked).toEqual([['letters', 'pen 0.06']]);
    expect([...shared.values()].map((m) => m.draws)).toEqual([1, 1, 1, 1, 1]);
    for (const name of makers().keys()) {
      expect(together.drawn.get(name)).toEqual(alone.drawn.get(name));
      expect(together.outputs[0].get(name)).toEqual(alone.outputs[0].get(name));
      expect(together.outputs[1].get(name)).toEqual(alone.outputs[1].get(name));
    }
    expect(together.outputs[0].get('mnist')).not.toEqual(together.outputs[1].get('mnist'));
  });
});
