import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackendName } from '../../src/model/backendChoice';
import { backendsFromQuery } from '../../src/model/backendChoice';
import { createClassifier, liveTensorCount, type ClassifierOptions } from '../../src/model/classifier';
import { ModelError } from '../../src/model/errors';
import type { Fetch } from '../../src/model/loadArtifacts';
import { DIGITS_ONLY, httpModelSource, type ModelOutputs } from '../../src/model/modelSource';
import { createTfRuntime } from '../../src/model/runtime';
import type { BackendHooks, BackendInitialiser, BackendPreparer } from '../../src/model/tfjsBackends';
import { modelJson, WEIGHTS_FILE } from '../../src/learning/artifacts';

const MODEL_URL = 'http://digitpad.test/models/cnn/model.json';

interface SavedModel {
  json: string;
  weights: ArrayBuffer;
}

/**
 * A tiny random CNN with the contract's shapes, serialised as the training script would. Seeded:
 * unseeded, its two ReLU filters were now and then both dead on the test inputs, and every
 * drawing then had the same (all-zero) features.
 */
async function saveModel(inputShape = [28, 28, 1], outputs = 10): Promise<SavedModel> {
  await tf.setBackend('cpu');
  const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape,
        filters: 2,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: seeded(1),
      }),
      tfl.layers.maxPooling2d({ poolSize: 4 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: outputs, activation: 'softmax', kernelInitializer: seeded(2) }),
    ],
  });
  let saved: SavedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = {
        json: modelJson(artifacts),
        weights: artifacts.weightData as ArrayBuffer,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  if (saved === undefined) throw new Error('the model was not saved');
  return saved;
}

/** Serves `files` (by path under the model's folder) as a static server would; anything else is 404. */
function serve(files: Record<string, string | ArrayBuffer>) {
  return vi.fn(async (url: string) => {
    const name = new URL(url).pathname.replace('/models/cnn/', '');
    const body = files[name];
    return body === undefined ? new Response('Not found', { status: 404 }) : new Response(body);
  });
}

/** Every backend "starts" as tfjs's CPU backend, the one Node has; `failing` ones throw instead. */
function fakeBackends(failing: readonly BackendName[] = []) {
  const tried: BackendName[] = [];
  const hooks = new Map<BackendName, BackendHooks>();
  const initialise: BackendInitialiser = async (name, backendHooks) => {
    tried.push(name);
    if (failing.includes(name)) throw new Error(`${name} is not available here`);
    hooks.set(name, backendHooks);
    await tf.setBackend('cpu');
    return () => hooks.delete(name);
  };
  return { initialise, tried, hooks };
}

let model: SavedModel;
beforeAll(async () => {
  model = await saveModel();
});

interface TestOptions extends Partial<Omit<ClassifierOptions, 'source' | 'runtime'>> {
  fetchFile?: Fetch;
  initialiseBackend?: BackendInitialiser;
  prepareBackend?: BackendPreparer;
  /** What the model's catalog entry says of its outputs. */
  outputs?: ModelOutputs;
}

/** The default model served over HTTP, on a fresh runtime whose backends are all tfjs's CPU one. */
function options(overrides: TestOptions = {}): ClassifierOptions {
  const {
    fetchFile = serve({ 'model.json': model.json, [WEIGHTS_FILE]: model.weights }),
    initialiseBackend = fakeBackends().initialise,
    prepareBackend = async () => {},
    outputs = DIGITS_ONLY,
    ...rest
  } = overrides;
  return {
    source: httpModelSource(MODEL_URL, fetchFile, outputs),
    runtime: createTfRuntime(initialiseBackend, prepareBackend),
    ...rest,
  };
}

const randomInput = (seed: number) =>
  Float32Array.from({ length: 784 }, (_, i) => ((i * 7919 + seed) % 97) / 97);

describe('classifier', () => {
  it('returns ten probabilities summing to 1', async () => {
    const classifier = await createClassifier(options());
    const probabilities = await classifier.classify(randomInput(1));
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    classifier.dispose();
  });

  it('leaves the tensor count where it was after thousands of predictions, and frees all on dispose', async () => {
    await tf.setBackend('cpu');
    const beforeLoading = liveTensorCount();
    const classifier = await createClassifier(options());
    const loaded = liveTensorCount();
    expect(loaded).toBeGreaterThan(beforeLoading);
    for (let i = 0; i < 2000; i++) await classifier.classify(randomInput(i));
    expect(liveTensorCount()).toBe(loaded);
    classifier.dispose();
    expect(liveTensorCount()).toBe(beforeLoading);
  });

  it('refuses input of the wrong size', async () => {
    const classifier = await createClassifier(options());
    await expect(classifier.classify(new Float32Array(100))).rejects.toThrow(RangeError);
    classifier.dispose();
  });
});

describe('backends', () => {
  it('tries WASM, then WebGL, then CPU, and uses the first that works', async () => {
    const backends = fakeBackends(['wasm', 'webgl']);
    const classifier = await createClassifier(options({ initialiseBackend: backends.initialise }));
    expect(backends.tried).toEqual(['wasm', 'webgl', 'cpu']);
    expect(classifier.backend).toBe('cpu');
    classifier.dispose();
  });

  it('stops at WASM when it works', async () => {
    const backends = fakeBackends();
    const classifier = await createClassifier(options({ initialiseBackend: backends.initialise }));
    expect(backends.tried).toEqual(['wasm']);
    expect(classifier.backend).toBe('wasm');
    classifier.dispose();
  });

  it('skips a backend that starts but fails its warm-up prediction', async () => {
    const backends = fakeBackends();
    const loseWebGLAtOnce: BackendInitialiser = async (name, hooks) => {
      const stop = await backends.initialise(name, hooks);
      if (name === 'webgl') hooks.onLost();
      return stop;
    };
    const classifier = await createClassifier(
      options({ backends: ['webgl', 'wasm', 'cpu'], initialiseBackend: loseWebGLAtOnce }),
    );
    expect(backends.tried).toEqual(['webgl', 'wasm']);
    expect(classifier.backend).toBe('wasm');
    classifier.dispose();
  });

  it('moves to the next backend when the WebGL context is lost while running', async () => {
    await tf.setBackend('cpu');
    const beforeLoading = tf.memory().numTensors;
    const backends = fakeBackends();
    const onBackendChange = vi.fn();
    const classifier = await createClassifier(
      options({
        backends: ['webgl', 'wasm', 'cpu'],
        initialiseBackend: backends.initialise,
        onBackendChange,
      }),
    );
    expect(classifier.backend).toBe('webgl');

    backends.hooks.get('webgl')?.onLost();
    const probabilities = await classifier.classify(randomInput(3));

    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    expect(classifier.backend).toBe('wasm');
    expect(onBackendChange).toHaveBeenCalledWith('wasm');
    expect(backends.hooks.has('webgl')).toBe(false);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(beforeLoading);
  });

  it('fails with no-backend when the last backend is lost', async () => {
    const backends = fakeBackends();
    const classifier = await createClassifier(
      options({ backends: ['cpu'], initialiseBackend: backends.initialise }),
    );
    backends.hooks.get('cpu')?.onLost();
    await expect(classifier.classify(randomInput(4))).rejects.toMatchObject({ kind: 'no-backend' });
    classifier.dispose();
  });

  it('uses only the forced backend, and says so when it cannot start', async () => {
    const backends = fakeBackends(['wasm']);
    const loading = createClassifier(options({ backends: ['wasm'], initialiseBackend: backends.initialise }));
    await expect(loading).rejects.toMatchObject({
      kind: 'no-backend',
      message: expect.stringContaining('wasm'),
    });
    expect(backends.tried).toEqual(['wasm']);
  });

  it.each([
    ['?backend=wasm', ['wasm']],
    ['?backend=cpu&x=1', ['cpu']],
    ['?backend=webgl', ['webgl']],
    ['?backend=tpu', ['wasm', 'webgl', 'cpu']],
    ['', ['wasm', 'webgl', 'cpu']],
  ])('reads %j as %j', (search, expected) => {
    expect(backendsFromQuery(search)).toEqual(expected);
  });
});

describe('hand-over from the first-answer backend', () => {
  /** Resolves when `release` is called: holds a backend's start back to look at the page meanwhile. */
  function gate() {
    let release = () => {};
    const opened = new Promise<void>((resolve) => (release = resolve));
    return { opened, release };
  }

  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(() => (done = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    return done;
  };

  it('answers on the first-answer backend, then moves to the best one: same answers, no tensor left behind', async () => {
    await tf.setBackend('cpu');
    const beforeLoading = liveTensorCount();
    const backends = fakeBackends();
    const prepared: BackendName[] = [];
    const onBackendChange = vi.fn();
    const classifier = await createClassifier(
      options({
        initialiseBackend: backends.initialise,
        prepareBackend: async (name) => void prepared.push(name),
        firstAnswerOn: 'cpu',
        onBackendChange,
      }),
    );
    expect(backends.tried).toEqual(['cpu']);
    expect(prepared).toEqual([]); // nothing more downloads before the first answer
    const loaded = liveTensorCount();
    const first = await classifier.classify(randomInput(5));
    expect(classifier.backend).toBe('cpu');

    await classifier.handOver();
    expect(prepared).toEqual(['wasm']);
    expect(backends.tried).toEqual(['cpu', 'wasm']);
    expect(classifier.backend).toBe('wasm');
    expect(onBackendChange).toHaveBeenCalledWith('wasm');
    expect(backends.hooks.has('cpu')).toBe(false); // the first session ended
    expect(liveTensorCount()).toBe(loaded);
    expect(await classifier.classify(randomInput(5))).toEqual(first);
    classifier.dispose();
    expect(liveTensorCount()).toBe(beforeLoading);
  });

  it('hands over once, however often it is asked', async () => {
    const backends = fakeBackends();
    const classifier = await createClassifier(
      options({ initialiseBackend: backends.initialise, firstAnswerOn: 'cpu' }),
    );
    await Promise.all([classifier.handOver(), classifier.handOver()]);
    await classifier.handOver();
    expect(backends.tried).toEqual(['cpu', 'wasm']);
    classifier.dispose();
  });

  it.each<[string, BackendName[], BackendName[]]>([
    ['?backend=wasm', ['wasm'], ['wasm']],
    ['?backend=cpu', ['cpu'], ['cpu']],
  ])('a forced backend (%s) is the only one started, and stays', async (_query, forced, tried) => {
    const backends = fakeBackends();
    const prepare = vi.fn(async () => {});
    const classifier = await createClassifier(
      options({
        backends: forced,
        initialiseBackend: backends.initialise,
        prepareBackend: prepare,
        firstAnswerOn: 'cpu',
      }),
    );
    await classifier.handOver();
    expect(backends.tried).toEqual(tried);
    expect(classifier.backend).toBe(forced[0]);
    expect(prepare).not.toHaveBeenCalled();
    classifier.dispose();
  });

  /** Starts `name` as the fakes do, then loses it at once: its warm-up prediction fails. */
  const losingAtStart =
    (backends: ReturnType<typeof fakeBackends>, name: BackendName): BackendInitialiser =>
    async (started, hooks) => {
      const stop = await backends.initialise(started, hooks);
      if (started === name) hooks.onLost();
      return stop;
    };

  it.each<[string, (backends: ReturnType<typeof fakeBackends>) => TestOptions, BackendName[]]>([
    [
      'its binary cannot download',
      (backends) => ({
        initialiseBackend: backends.initialise,
        prepareBackend: async (name) => {
          if (name === 'wasm') throw new Error('tfjs-backend-wasm-simd.wasm returned 404');
        },
      }),
      ['cpu'],
    ],
    // It started, and its warm-up failed: the first-answer backend is made active again.
    [
      'it fails its warm-up',
      (backends) => ({ initialiseBackend: losingAtStart(backends, 'wasm') }),
      ['cpu', 'wasm', 'cpu'],
    ],
  ])(
    'stays on the first-answer backend, answering, when WASM %s (WebGL is not tried: it may be slower)',
    async (_case, overrides, tried) => {
      await tf.setBackend('cpu');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const backends = fakeBackends();
      const classifier = await createClassifier(options({ firstAnswerOn: 'cpu', ...overrides(backends) }));
      const loaded = liveTensorCount();
      await classifier.handOver();
      expect(classifier.backend).toBe('cpu');
      expect(backends.tried).toEqual(tried);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^digitpad: staying on the cpu backend: wasm: /),
      );
      const probabilities = await classifier.classify(randomInput(6));
      expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
      expect(liveTensorCount()).toBe(loaded);
      classifier.dispose();
      warn.mockRestore();
    },
  );

  it('holds predictions asked for during the swap until the new session is in place', async () => {
    const backends = fakeBackends();
    const wasmStarts = gate();
    const initialise: BackendInitialiser = async (name, hooks) => {
      if (name === 'wasm') await wasmStarts.opened;
      return backends.initialise(name, hooks);
    };
    const classifier = await createClassifier(
      options({ initialiseBackend: initialise, firstAnswerOn: 'cpu' }),
    );
    const handOver = classifier.handOver();
    await settled(Promise.resolve()); // the swap has begun: WASM is starting
    const waiting = classifier.classify(randomInput(7));
    expect(await settled(waiting)).toBe(false);
    wasmStarts.release();
    await handOver;
    expect(await settled(waiting)).toBe(true);
    expect(classifier.backend).toBe('wasm');
    classifier.dispose();
  });

  it('frees both sessions when disposed during the hand-over', async () => {
    await tf.setBackend('cpu');
    const beforeLoading = liveTensorCount();
    const backends = fakeBackends();
    const wasmStarts = gate();
    const initialise: BackendInitialiser = async (name, hooks) => {
      if (name === 'wasm') await wasmStarts.opened;
      return backends.initialise(name, hooks);
    };
    const classifier = await createClassifier(
      options({ initialiseBackend: initialise, firstAnswerOn: 'cpu' }),
    );
    const handOver = classifier.handOver();
    await settled(Promise.resolve());
    classifier.dispose();
    wasmStarts.release();
    await handOver;
    expect(liveTensorCount()).toBe(beforeLoading);
  });

  it('a first-answer backend that fails before the hand-over falls back to the best one', async () => {
    const backends = fakeBackends();
    const classifier = await createClassifier(
      options({ initialiseBackend: backends.initialise, firstAnswerOn: 'cpu' }),
    );
    backends.hooks.get('cpu')?.onLost();
    await classifier.classify(randomInput(8));
    expect(classifier.backend).toBe('wasm');
    expect(backends.tried).toEqual(['cpu', 'wasm']);
    classifier.dispose();
  });
});

describe('loading errors', () => {
  it.each<[string, () => Record<string, string | ArrayBuffer>, string, RegExp]>([
    [
      'a missing model.json',
      () => ({}),
      'not-found',
      /^Could not load the model: models\/cnn\/model\.json returned 404$/,
    ],
    [
      'model.json that is not JSON',
      () => ({ 'model.json': '<!doctype html>' }),
      'corrupt-model',
      /model\.json is not valid JSON/,
    ],
    [
      'JSON that is not a layers model',
      () => ({ 'model.json': '{"hello": 1}' }),
      'corrupt-model',
      /not a TensorFlow\.js layers model/,
    ],
    [
      'a missing weight file',
      () => ({ 'model.json': model.json }),
      'not-found',
      /group1-shard1of1\.bin returned 404/,
    ],
    [
      'a truncated weight file',
      () => ({ 'model.json': model.json, [WEIGHTS_FILE]: model.weights.slice(0, 100) }),
      'truncated-weights',
      /holds 100 bytes of weights, model\.json describes \d+/,
    ],
  ])('reports %s', async (_name, files, kind, message) => {
    const loading = createClassifier(options({ fetchFile: serve(files()) }));
    const error = await loading.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it('reports a server error with its status', async () => {
    const fetchFile = vi.fn(async () => new Response('', { status: 503 }));
    await expect(createClassifier(options({ fetchFile }))).rejects.toMatchObject({
      kind: 'http',
      message: 'Could not load the model: models/cnn/model.json returned 503',
    });
  });

  it('reports a request that never got an answer', async () => {
    const fetchFile = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(createClassifier(options({ fetchFile }))).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('Failed to fetch'),
    });
  });

  it('rejects a model that does not take 28x28 digits', async () => {
    const wrong = await saveModel([32, 32, 1]);
    const loading = createClassifier(
      options({ fetchFile: serve({ 'model.json': wrong.json, [WEIGHTS_FILE]: wrong.weights }) }),
    );
    await expect(loading).rejects.toMatchObject({
      kind: 'corrupt-model',
      message: expect.stringContaining('[null, 32, 32, 1]'),
    });
  });

  it('asks the server again on every load, so Retry sees a fixed deployment', async () => {
    const fetchFile = serve({ 'model.json': model.json, [WEIGHTS_FILE]: model.weights });
    const classifier = await createClassifier(options({ fetchFile }));
    expect(fetchFile).toHaveBeenCalledWith(MODEL_URL, { cache: 'no-cache' });
    classifier.dispose();
  });
});

describe('what the outputs mean', () => {
  const WITH_NOT_DIGIT: ModelOutputs = { count: 11, notDigit: { output: 10, threshold: 0.42 } };
  const serving = (saved: SavedModel) => serve({ 'model.json': saved.json, [WEIGHTS_FILE]: saved.weights });

  it('reads a ten-output model as its entry says: digits only, no "not a digit" score', async () => {
    const classifier = await createClassifier(options());
    expect(classifier.outputs).toEqual({ count: 10, notDigit: null });
    classifier.dispose();
  });

  it('runs an eleven-output model whose entry says so, and carries its "not a digit" score', async () => {
    const eleven = await saveModel([28, 28, 1], 11);
    const classifier = await createClassifier(
      options({ fetchFile: serving(eleven), outputs: WITH_NOT_DIGIT }),
    );
    expect(classifier.outputs).toEqual(WITH_NOT_DIGIT);
    const [first, second] = await classifier.classifyBatch([randomInput(1), randomInput(2)]);
    expect([first.length, second.length]).toEqual([11, 11]);
    expect(first.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    classifier.dispose();
  });

  it.each([
    [
      'ten outputs, its entry eleven',
      10,
      WITH_NOT_DIGIT,
      /gives 10 outputs per input, its catalog entry says 11/,
    ],
    [
      'eleven outputs, its entry ten',
      11,
      DIGITS_ONLY,
      /gives 11 outputs per input, its catalog entry says 10/,
    ],
  ])('refuses a model with %s, saying so', async (_name, units, outputs, message) => {
    await tf.setBackend('cpu');
    const before = liveTensorCount();
    const saved = await saveModel([28, 28, 1], units);
    const loading = createClassifier(options({ fetchFile: serving(saved), outputs }));
    await expect(loading).rejects.toBeInstanceOf(ModelError);
    await expect(loading).rejects.toMatchObject({
      kind: 'corrupt-model',
      message: expect.stringMatching(message),
    });
    expect(liveTensorCount()).toBe(before);
  });
});

describe('batches', () => {
  it('reads several inputs in one model call, each as it would alone', async () => {
    const classifier = await createClassifier(options());
    const inputs = [randomInput(1), randomInput(2), randomInput(3)];
    const alone = await Promise.all(inputs.map((input) => classifier.classify(input)));
    const batched = await classifier.classifyBatch(inputs);
    expect(batched).toHaveLength(3);
    batched.forEach((row, i) => row.forEach((p, k) => expect(p).toBeCloseTo(alone[i][k], 5)));
    expect(await classifier.classifyBatch([])).toEqual([]);
    classifier.dispose();
  });

  it('gives the penultimate features with the same outputs, in one call, leaving no tensor', async () => {
    const classifier = await createClassifier(options());
    const inputs = [randomInput(1), randomInput(2)];
    const plain = await classifier.classifyBatch(inputs);
    const before = liveTensorCount();
    const featured = await classifier.classifyWithFeatures(inputs);
    expect(liveTensorCount()).toBe(before);
    expect(featured).toHaveLength(2);
    featured.forEach(({ outputs, features }, i) => {
      outputs.forEach((p, k) => expect(p).toBeCloseTo(plain[i][k], 5));
      expect(features.length).toBeGreaterThan(0);
      expect(features.every(Number.isFinite)).toBe(true);
    });
    expect(featured[0].features.some((f) => f > 0)).toBe(true);
    expect(featured[0].features).not.toEqual(featured[1].features);
    expect(await classifier.classifyWithFeatures([])).toEqual([]);
    classifier.dispose();
  });

  it('refuses a batch with one input of the wrong size', async () => {
    const classifier = await createClassifier(options());
    await expect(classifier.classifyBatch([randomInput(1), new Float32Array(10)])).rejects.toThrow(
      RangeError,
    );
    classifier.dispose();
  });

  it('loads one model at a time on a shared runtime', async () => {
    const runtime = createTfRuntime(fakeBackends().initialise);
    const events: string[] = [];
    const source = (name: string) => async () => {
      events.push(`${name} loads`);
      const artifacts = await httpModelSource(
        MODEL_URL,
        serve({ 'model.json': model.json, [WEIGHTS_FILE]: model.weights }),
      )();
      events.push(`${name} loaded`);
      return artifacts;
    };
    const [a, b] = await Promise.all([
      createClassifier({ source: source('a'), runtime }),
      createClassifier({ source: source('b'), runtime }),
    ]);
    expect(events).toEqual(['a loads', 'a loaded', 'b loads', 'b loaded']);
    a.dispose();
    b.dispose();
  });
});
