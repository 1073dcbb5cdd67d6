import { describe, expect, it, vi } from 'vitest';
import { ADAPT_DEFAULTS } from '../../src/adaptation/memory';
import { fitOutputLayer, type TuningExample } from '../../src/adaptation/outputLayer';
import {
  createTuner,
  MAX_TUNED_DRAWINGS,
  type FittedLayer,
  type TuneWorker,
} from '../../src/adaptation/tuner';
import { answer, type TuneReply, type TuneRequest } from '../../src/adaptation/tuneWorker';
import { misreadWriter } from './misreadWriter';

const example = (label: number): TuningExample => ({
  features: Float32Array.from({ length: 4 }, (_, i) => (i === label % 4 ? 1 : 0.1)),
  outputs: Float32Array.from({ length: 10 }, (_, d) => (d === label ? 0.91 : 0.01)),
  label,
});

/** A worker that answers only when the test says so, as the real one answers when its fit is done. */
function fakeWorker() {
  const received: TuneRequest[] = [];
  const worker: TuneWorker = {
    postMessage: (request) => void received.push(request),
    onmessage: null,
    onerror: null,
    terminate: vi.fn(),
  };
  const reply = (data: TuneReply = answer(received[received.length - 1])) =>
    worker.onmessage?.({ data } as MessageEvent<TuneReply>);
  return { worker, received, reply };
}

function tunerWith() {
  const fits: (FittedLayer | null)[] = [];
  const fake = fakeWorker();
  const tuner = createTuner(
    (fitted) => fits.push(fitted),
    () => fake.worker,
  )!;
  return { tuner, fits, ...fake };
}

describe('the worker', () => {
  it("answers a request with the fit of its examples and the vote's default weight, named by its id", () => {
    const examples = [example(1), example(2)];
    const reply = answer({ id: 7, examples });
    expect(reply).toEqual({ id: 7, ...fitOutputLayer(examples), voteWeight: ADAPT_DEFAULTS.weight });
  });

  it('chooses a stronger vote for a person the model keeps misreading in one way', () => {
    expect(answer({ id: 1, examples: misreadWriter(3) })).toMatchObject({ voteWeight: 0.9 });
  });

  it('says in plain words when the examples cannot be fitted', () => {
    const reply = answer({ id: 3, examples: [{ label: 1 } as unknown as TuningExample] });
    expect(reply).toMatchObject({ id: 3, error: expect.stringContaining('could not fit the output layer') });
  });
});

describe('keeping the output layer fitted in a worker', () => {
  it('hands over each fit with the features it was fitted on', () => {
    const { tuner, fits, reply } = tunerWith();
    const examples = [example(1), example(2)];
    tuner.request(examples);
    reply();
    expect(fits).toHaveLength(1);
    expect(fits[0]!.exampleFeatures).toEqual(examples.map((e) => e.features));
    expect(fits[0]!.fit.coefficients).toHaveLength(2 * 10);
    expect(fits[0]!.voteWeight).toBe(ADAPT_DEFAULTS.weight);
  });

  it('fits one set at a time, and after it only the newest of those asked for meanwhile', () => {
    const { tuner, received, reply, fits } = tunerWith();
    tuner.request([example(1)]);
    tuner.request([example(1), example(2)]);
    tuner.request([example(1), example(2), example(3)]);
    expect(received.map((r) => r.examples.length)).toEqual([1]);
    reply();
    expect(received.map((r) => r.examples.length)).toEqual([1, 3]);
    reply();
    expect(fits.map((f) => f!.exampleFeatures.length)).toEqual([1, 3]);
  });

  it('fits the newest MAX_TUNED_DRAWINGS drawings of many (they come newest first)', () => {
    const { tuner, received } = tunerWith();
    const many = Array.from({ length: MAX_TUNED_DRAWINGS + 5 }, (_, i) => example(i % 10));
    tuner.request(many);
    expect(received[0].examples).toEqual(many.slice(0, MAX_TUNED_DRAWINGS));
  });

  it('never delivers a fit begun before the drawings were forgotten', () => {
    const { tuner, reply, fits } = tunerWith();
    tuner.request([example(1), example(2)]);
    tuner.request([]);
    reply();
    expect(fits).toEqual([null]);
  });

  it('reports a failed fit and goes on with the next request', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { tuner, received, reply, fits } = tunerWith();
    tuner.request([example(1)]);
    tuner.request([example(1), example(4)]);
    reply({ id: received[0].id, error: 'could not fit the output layer: out of memory' });
    expect(error).toHaveBeenCalledWith('could not fit the output layer: out of memory');
    reply();
    expect(fits.map((f) => f!.exampleFeatures.length)).toEqual([2]);
    error.mockRestore();
  });

  it('is not made where the browser has no Web Workers: the memory adapts alone', () => {
    vi.stubGlobal('Worker', undefined);
    expect(createTuner(() => undefined)).toBeNull();
    vi.unstubAllGlobals();
  });
});
