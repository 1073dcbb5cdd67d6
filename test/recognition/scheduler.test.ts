import { describe, expect, it } from 'vitest';
import { createRecognitionScheduler } from '../../src/recognition/scheduler';

/** A scheduler whose frames and runs the test steps by hand. */
function harness() {
  const frames = new Map<number, () => void>();
  let nextFrame = 1;
  const runs: { snapshot: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const results: string[] = [];
  const errors: unknown[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const scheduler = createRecognitionScheduler<string, string>({
    run: (snapshot) =>
      new Promise<string>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        let settled = false;
        const settle = () => {
          if (!settled) inFlight--;
          settled = true;
        };
        runs.push({
          snapshot,
          resolve: () => (settle(), resolve(`result of ${snapshot}`)),
          reject: (error) => (settle(), reject(error)),
        });
      }),
    onResult: (result) => results.push(result),
    onError: (error) => errors.push(error),
    requestFrame: (callback) => {
      frames.set(nextFrame, callback);
      return nextFrame++;
    },
    cancelFrame: (handle) => frames.delete(handle),
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    scheduler,
    runs,
    results,
    errors,
    started: () => runs.map((run) => run.snapshot),
    maxInFlight: () => maxInFlight,
    pendingFrames: () => frames.size,
    async frame() {
      const callbacks = [...frames.values()];
      frames.clear();
      callbacks.forEach((callback) => callback());
      await settle();
    },
    async finish(index = runs.length - 1) {
      runs[index].resolve();
      await settle();
    },
    async fail(index: number, error: unknown) {
      runs[index].reject(error);
      await settle();
    },
  };
}

describe('recognition scheduler', () => {
  it('runs `now` at once and shows its result', async () => {
    const h = harness();
    h.scheduler.now('A');
    expect(h.started()).toEqual(['A']);
    await h.finish();
    expect(h.results).toEqual(['result of A']);
  });

  it('keeps one run in flight; of the snapshots that wait, only the latest runs', async () => {
    const h = harness();
    h.scheduler.now('A');
    h.scheduler.now('B');
    h.scheduler.now('C');
    expect(h.started()).toEqual(['A']);
    await h.finish(0);
    expect(h.started()).toEqual(['A', 'C']);
    await h.finish(1);
    expect(h.results).toEqual(['result of A', 'result of C']);
    expect(h.maxInFlight()).toBe(1);
  });

  it('runs `soon` at the next frame, once per frame however many snapshots came', async () => {
    const h = harness();
    h.scheduler.soon('A1');
    h.scheduler.soon('A2');
    expect(h.started()).toEqual([]);
    expect(h.pendingFrames()).toBe(1);
    await h.frame();
    expect(h.started()).toEqual(['A2']);
    await h.finish();

    h.scheduler.soon('A3');
    expect(h.started()).toEqual(['A2']);
    await h.frame();
    expect(h.started()).toEqual(['A2', 'A3']);
  });

  it('starts a `soon` whose frame passed during a run as soon as the run ends', async () => {
    const h = harness();
    h.scheduler.now('A');
    h.scheduler.soon('B');
    await h.frame();
    expect(h.started()).toEqual(['A']);
    await h.finish(0);
    expect(h.started()).toEqual(['A', 'B']);
  });

  it('lets `now` overtake a waiting frame', async () => {
    const h = harness();
    h.scheduler.soon('during stroke');
    h.scheduler.now('stroke ended');
    expect(h.started()).toEqual(['stroke ended']);
    expect(h.pendingFrames()).toBe(0);
  });

  it('drops the result of a discarded run and goes on with the next', async () => {
    const h = harness();
    h.scheduler.now('three strokes');
    h.scheduler.discardInFlight();
    h.scheduler.now('after clear');
    await h.finish(0);
    expect(h.results).toEqual([]);
    await h.finish(1);
    expect(h.results).toEqual(['result of after clear']);
  });

  it('reports a failed run and keeps going', async () => {
    const h = harness();
    h.scheduler.now('A');
    h.scheduler.now('B');
    const failure = new Error('backend lost');
    await h.fail(0, failure);
    expect(h.errors).toEqual([failure]);
    await h.finish(1);
    expect(h.results).toEqual(['result of B']);
  });

  it('calls nothing back once disposed', async () => {
    const h = harness();
    h.scheduler.now('A');
    h.scheduler.soon('B');
    h.scheduler.dispose();
    expect(h.pendingFrames()).toBe(0);
    await h.finish(0);
    h.scheduler.now('C');
    expect(h.results).toEqual([]);
    expect(h.started()).toEqual(['A']);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'random input (seed %i): never two runs at once, and the last snapshot given is the last result',
    async (seed) => {
      let state = seed;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const h = harness();
      let last = '';
      for (let step = 0; step < 200; step++) {
        const choice = random();
        if (choice < 0.45) h.scheduler.soon((last = `s${step}`));
        else if (choice < 0.6) h.scheduler.now((last = `n${step}`));
        else if (choice < 0.8) await h.frame();
        else if (h.runs.length > 0 && random() < 0.9) await h.finish(h.runs.length - 1);
      }
      // Input stops: let every frame and run finish.
      for (let i = 0; i < 10; i++) {
        await h.frame();
        if (h.runs.length > 0) await h.finish(h.runs.length - 1);
      }
      expect(h.maxInFlight()).toBe(1);
      expect(h.results.at(-1)).toBe(`result of ${last}`);
    },
  );
});
