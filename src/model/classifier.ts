import * as tf from '@tensorflow/tfjs-core';
import { MNIST_SIZE } from '../digit';
import { BACKENDS, startOrder, type BackendName } from './backendChoice';
import { ModelError, describeError } from './errors';
import type { ModelOutputs, ModelSource, SourcedModel } from './modelSource';
import type { TfRuntime } from './runtime';
import { buildSequentialModel, type SequentialModel } from './sequentialModel';
import type { BackendInitialiser } from './tfjsBackends';

/** What the page expects of a model: its input side and its outputs per input (digits first). */
interface ModelSpec {
  readonly inputSize: number;
  readonly outputs: number;
}

/**
 * The contract's model: one 28x28x1 image in, as many outputs out as its catalog entry says (the
 * ten digits, and maybe "not a digit"). The catalog refuses entries of any other shape
 * (`catalog.ts`), and the model built is checked against its entry.
 */
const specOf = (outputs: ModelOutputs): ModelSpec => ({ inputSize: MNIST_SIZE, outputs: outputs.count });

export interface ClassifierOptions {
  /** Where the topology and weights come from; called once, while the first backend starts. */
  readonly source: ModelSource;
  /** The page's tfjs runtime: its lock and its backend initialiser. */
  readonly runtime: TfRuntime;
  /** Backends to try, best first. One entry forces that backend. */
  readonly backends?: readonly BackendName[];
  /**
   * A backend that starts sooner than the best one (less to download): the classifier starts on
   * it when it is among `backends`, and `handOver` later moves it to the best one.
   */
  readonly firstAnswerOn?: BackendName;
  /** Called after another backend took over: the one in use failed, or a hand-over. */
  readonly onBackendChange?: (backend: BackendName) => void;
}

export interface Classifier {
  /** The tfjs backend the model runs on now. */
  readonly backend: BackendName;
  /** What the outputs mean, from the model's catalog entry: how many, and which says "not a digit". */
  readonly outputs: ModelOutputs;
  /** One input (inputSize² values, row-major, ink = 1, paper = 0) in; its outputs out. */
  classify(input: Float32Array): Promise<Float32Array>;
  /** Several inputs in one model call (one batch row each); their outputs, in order. */
  classifyBatch(inputs: readonly Float32Array[]): Promise<Float32Array[]>;
  /**
   * Several inputs in one model call: each input's outputs and its penultimate features (what
   * adapting to a person compares). No tensor leaves the model module.
   */
  classifyWithFeatures(inputs: readonly Float32Array[]): Promise<FeaturedOutput[]>;
  /**
   * Every layer's output for one input, as plain arrays (what "Look inside" draws). The tensors
   * are read and freed here: none leaves the model module.
   */
  activations(input: Float32Array): Promise<LayerActivation[]>;
  /**
   * Moves from the first-answer backend to the best one (the first of `backends`): downloads and
   * compiles it while predictions go on, then swaps sessions between two predictions. Resolves
   * once it has moved or stayed (it never rejects: when the best cannot start, the backend in use
   * keeps working). Only the first call acts; a classifier that did not start on a first-answer
   * backend stays where it is.
   */
  handOver(): Promise<void>;
  /** Frees the model's tensors. The classifier cannot be used afterwards. */
  dispose(): void;
}

/** One input's outputs and the network's penultimate features for it. */
export interface FeaturedOutput {
  readonly outputs: Float32Array;
  readonly features: Float32Array;
}

/** One layer's output for one input. */
export interface LayerActivation {
  /** The layer's name in model.json. */
  readonly name: string;
  /** Its Keras class: `Conv2D`, `MaxPooling2D`, `Flatten`, `Dense`, ... */
  readonly kind: string;
  /** Without the batch: [height, width, channels] for maps, [units] for a dense layer. */
  readonly shape: readonly number[];
  /** Row-major, channels last, as tfjs holds them. */
  readonly values: Float32Array;
}

interface Session {
  readonly backend: BackendName;
  readonly model: SequentialModel;
  readonly spec: ModelSpec;
  readonly stopWatching: () => void;
  /** Set from outside when the backend dies (WebGL context loss). */
  readonly health: { lost: boolean };
}

/** Splits a [batch, n] tensor's values into one array per row, then frees it. */
async function rowsOf(tensor: tf.Tensor): Promise<Float32Array[]> {
  try {
    const values = await tensor.data<'float32'>();
    const width = tensor.shape[1] ?? 0;
    return Array.from({ length: tensor.shape[0] }, (_, i) => values.slice(i * width, (i + 1) * width));
  } finally {
    tensor.dispose();
  }
}

/**
 * Outputs and penultimate features for a batch of inputs, one model call, one of each per input.
 * Every prediction keeps the features: reading them back costs a few hundred floats, and adapting
 * to a person then needs no second pass.
 */
async function predict(
  model: SequentialModel,
  inputs: readonly Float32Array[],
  spec: ModelSpec,
): Promise<FeaturedOutput[]> {
  const { inputSize, outputs: count } = spec;
  const pixels = inputSize * inputSize;
  const batch = new Float32Array(inputs.length * pixels);
  inputs.forEach((input, i) => batch.set(input, i * pixels));
  const { probabilities, features } = tf.tidy(() =>
    model.predictWithFeatures(tf.tensor4d(batch, [inputs.length, inputSize, inputSize, 1])),
  );
  const [outputs, featureRows] = await Promise.all([rowsOf(probabilities), rowsOf(features)]);
  if (outputs[0].length !== count) {
    throw new ModelError(
      'corrupt-model',
      `Could not load the model: it gives ${outputs[0].length} outputs per input, its catalog entry says ${count}`,
    );
  }
  return outputs.map((row, i) => ({ outputs: row, features: featureRows[i] }));
}

/** Why a prediction on `session` cannot be trusted, or its probabilities. */
async function tryPredict(
  session: Session,
  inputs: readonly Float32Array[],
): Promise<FeaturedOutput[] | string> {
  if (session.health.lost) return 'WebGL context lost';
  let probabilities: FeaturedOutput[];
  try {
    probabilities = await predict(session.model, inputs, session.spec);
  } catch (error) {
    if (error instanceof ModelError) throw error; // the model's fault: no backend will do better
    return describeError(error);
  }
  // A context lost during the read-back can return zeros instead of failing.
  if (session.health.lost) return 'WebGL context lost';
  // GPUs that only render half floats can overflow to NaN: that is a broken backend, not an answer.
  if (!probabilities.every((row) => row.outputs.every(Number.isFinite)))
    return 'the model produced non-numbers';
  return probabilities;
}

/** Every layer's output for one input on `session`, read back, with no tensor left behind. */
async function activationsOn(session: Session, input: Float32Array): Promise<LayerActivation[]> {
  const { model, spec } = session;
  const side = spec.inputSize;
  const tensors = tf.tidy(() => model.activations(tf.tensor4d(input, [1, side, side, 1])));
  try {
    const values = await Promise.all(tensors.map((tensor) => tensor.data<'float32'>()));
    return model.layers.map((layer, i) => ({
      ...layer,
      shape: tensors[i].shape.slice(1),
      // A copy: an identity layer's tensor is shared with the layer before it.
      values: Float32Array.from(values[i]),
    }));
  } finally {
    tf.dispose(tensors);
  }
}

const shapeText = (shape: readonly (number | null)[] | undefined) =>
  shape ? `[${shape.map(String).join(', ')}]` : 'nothing';

function buildModel(artifacts: tf.io.ModelArtifacts, { inputSize }: ModelSpec): SequentialModel {
  let model: SequentialModel;
  try {
    model = buildSequentialModel(artifacts);
  } catch (cause) {
    throw new ModelError('corrupt-model', `Could not load the model: ${describeError(cause)}`, { cause });
  }
  const needed = shapeText([null, inputSize, inputSize, 1]);
  if (shapeText(model.inputShape) !== needed) {
    model.dispose();
    throw new ModelError(
      'corrupt-model',
      `Could not load the model: it takes ${shapeText(model.inputShape)}, the page needs ${needed}`,
    );
  }
  return model;
}

function endSession(session: Session): void {
  session.stopWatching();
  try {
    session.model.dispose();
  } catch {
    // A lost WebGL context can refuse to free its textures; they went with the context anyway.
  }
}

/** Where a classifier looks for its next session: the model and how to start a backend. */
interface Loading {
  /** The model's artifacts and outputs; may still be downloading while the first backend starts. */
  readonly model: Promise<SourcedModel>;
  readonly initialise: BackendInitialiser;
}

/** A session on `backend` whose warm-up ran, or why not; a model the page cannot use throws. */
async function trySession(
  loading: Loading,
  backend: BackendName,
  lastResort: boolean,
): Promise<Session | string> {
  const health = { lost: false };
  let stopWatching: () => void;
  try {
    stopWatching = await loading.initialise(backend, { onLost: () => void (health.lost = true), lastResort });
  } catch (error) {
    return describeError(error);
  }
  let model: SequentialModel;
  let spec: ModelSpec;
  try {
    const sourced = await loading.model;
    spec = specOf(sourced.outputs);
    model = buildModel(sourced.artifacts, spec);
  } catch (error) {
    stopWatching();
    throw error;
  }
  const session = { backend, model, spec, stopWatching, health };
  // The warm-up compiles WebGL shaders and sizes buffers, and shows a model whose outputs are not
  // what its entry says; a backend that cannot run it is no use.
  const warmUp = await tryPredict(session, [new Float32Array(spec.inputSize ** 2)]).catch(
    (error: unknown) => {
      endSession(session);
      throw error;
    },
  );
  if (typeof warmUp !== 'string') return session;
  endSession(session);
  return warmUp;
}

/**
 * Starts the first of `candidates` that can run the model: its backend starts, the model builds
 * on it, and a warm-up prediction succeeds. A model the page cannot use fails the same way
 * everywhere, so it stops the search at once.
 */
async function startSession(loading: Loading, candidates: readonly BackendName[]): Promise<Session> {
  const failures: string[] = [];
  for (const [index, backend] of candidates.entries()) {
    const outcome = await trySession(loading, backend, index === candidates.length - 1);
    if (typeof outcome !== 'string') return outcome;
    failures.push(`${backend}: ${outcome}`);
  }
  await loading.model; // a model that cannot load is the first thing to say
  throw new ModelError('no-backend', `No TensorFlow.js backend could run the model (${failures.join('; ')})`);
}

/** Tensors alive in tfjs right now, on every backend: a leak shows as a count that keeps growing. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}

/** Runs `change` once no prediction is in flight, and holds new ones back until it has settled. */
class PredictionGate {
  private running = 0;
  private drained: (() => void) | null = null;
  private closed: Promise<void> | null = null;

  async through<T>(predict: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.running++;
    try {
      return await predict();
    } finally {
      if (--this.running === 0) this.drained?.();
    }
  }

  async closedFor<T>(change: () => Promise<T>): Promise<T> {
    let reopen = () => {};
    this.closed = new Promise((resolve) => (reopen = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return await change();
    } finally {
      this.drained = null;
      this.closed = null;
      reopen();
    }
  }
}

/** Makes `session`'s backend the active one again after a hand-over that did not happen. */
async function reactivate(session: Session, loading: Loading): Promise<void> {
  try {
    const hooks = { onLost: () => void (session.health.lost = true), lastResort: true };
    // The session's own watcher is still attached: this one is not needed.
    (await loading.initialise(session.backend, hooks))();
  } catch {
    session.health.lost = true; // the next prediction falls back
  }
}

/**
 * The live session of a classifier: it moves to the next backend in line when one fails, and
 * from the first-answer backend to the best one when asked (`handOver`).
 */
class LiveSession {
  current: Session;
  disposed = false;
  private readonly gate = new PredictionGate();
  private handingOver: Promise<void> | null = null;

  constructor(
    private readonly firstAnswer: Session | null,
    first: Session,
    private readonly loading: Loading,
    private readonly options: ClassifierOptions,
  ) {
    this.current = first;
  }

  /** One prediction on the session in use, never while a hand-over swaps sessions. */
  predict(
    inputs: readonly Float32Array[],
  ): Promise<{ session: Session; outcome: FeaturedOutput[] | string }> {
    return this.gate.through(async () => {
      const session = this.current;
      return { session, outcome: await tryPredict(session, inputs) };
    });
  }

  /** `read` on the session in use, never while a hand-over swaps sessions. */
  inspect<T>(read: (session: Session) => Promise<T>): Promise<T> {
    return this.gate.through(() => read(this.current));
  }

  /** Replaces a failed session by the next backend in line, or throws when none is left. */
  fallBack(failed: Session, reason: string): Promise<void> {
    const { runtime, backends = BACKENDS, onBackendChange = () => {} } = this.options;
    return runtime.exclusively(async () => {
      if (this.current !== failed) return; // another call already moved on
      endSession(failed);
      // The first-answer backend came before its betters were tried: they all still are in line.
      const remaining =
        failed === this.firstAnswer
          ? backends.filter((backend) => backend !== failed.backend)
          : backends.slice(backends.indexOf(failed.backend) + 1);
      try {
        this.current = await startSession(this.loading, remaining);
      } catch (cause) {
        const tried = remaining.length > 0 ? `; ${describeError(cause)}` : '';
        const message = `The ${failed.backend} backend stopped working (${reason})${tried}`;
        throw new ModelError('no-backend', message, { cause });
      }
      if (this.disposed) endSession(this.current);
      else onBackendChange(this.current.backend);
    });
  }

  handOver(): Promise<void> {
    this.handingOver ??= this.moveToBest().catch((error: unknown) => {
      console.warn(`digitpad: staying on the ${this.current.backend} backend: ${describeError(error)}`);
    });
    return this.handingOver;
  }

  /**
   * Moves to the best backend, if the first-answer one is not it. Only to the best: the ones in
   * between may well be slower than the first-answer one (WebGL rendered in software is, three
   * times, against CPU), so when the best cannot start the first-answer backend stays.
   */
  private async moveToBest(): Promise<void> {
    const from = this.firstAnswer;
    const { runtime, backends = BACKENDS } = this.options;
    const best = backends[0];
    if (from === null || best === from.backend || this.disposed || this.current !== from) return;
    try {
      // Downloads and compiles while predictions go on: only the swap below holds them back.
      await runtime.prepareBackend(best);
    } catch (error) {
      throw new Error(`${best}: ${describeError(error)}`, { cause: error });
    }
    const outcome = await runtime.exclusively(() => this.swap(from, best));
    if (outcome !== null) throw new Error(`${best}: ${outcome}`);
  }

  /**
   * Under the lock, between two predictions: a session on `backend` (the same artifacts, a new
   * model) replaces `from`, which is then freed. Null when done (or nothing left to do); why not
   * otherwise, with `from`'s backend active again.
   */
  private swap(from: Session, backend: BackendName): Promise<string | null> {
    if (this.disposed || this.current !== from) return Promise.resolve(null);
    return this.gate.closedFor(async () => {
      const next = await trySession(this.loading, backend, false).catch(describeError);
      if (typeof next === 'string') {
        await reactivate(from, this.loading);
        return next;
      }
      if (this.disposed) {
        endSession(next); // `from` went with the classifier
        return null;
      }
      this.current = next;
      endSession(from);
      this.options.onBackendChange?.(next.backend);
      return null;
    });
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    endSession(this.current);
  }
}

/** The classifier over a live session: runs predictions, falling back to the next backend when one fails. */
function sessionClassifier(live: LiveSession, outputs: ModelOutputs): Classifier {
  const classifyWithFeatures = async (inputs: readonly Float32Array[]): Promise<FeaturedOutput[]> => {
    const pixels = live.current.spec.inputSize ** 2;
    const wrong = inputs.find((input) => input.length !== pixels);
    if (wrong) throw new RangeError(`classify needs ${pixels} values per input, got ${wrong.length}`);
    if (inputs.length === 0) return [];
    for (;;) {
      const { session, outcome } = await live.predict(inputs);
      if (typeof outcome !== 'string') return outcome;
      // A disposed model fails too; that is no reason to start another backend.
      if (live.disposed) throw new Error('The classifier was disposed');
      await live.fallBack(session, outcome);
    }
  };
  const classifyBatch = async (inputs: readonly Float32Array[]) =>
    (await classifyWithFeatures(inputs)).map((row) => row.outputs);
  return {
    get backend() {
      return live.current.backend;
    },
    outputs,
    classifyWithFeatures,
    classifyBatch,
    classify: async (input) => (await classifyBatch([input]))[0],
    activations: (input) => {
      const pixels = live.current.spec.inputSize ** 2;
      if (input.length !== pixels)
        return Promise.reject(new RangeError(`activations need ${pixels} values, got ${input.length}`));
      if (live.disposed) return Promise.reject(new Error('The classifier was disposed'));
      return live.inspect((session) => activationsOn(session, input));
    },
    handOver: () => live.handOver(),
    dispose: () => live.dispose(),
  };
}

/** Loads the model, starts the best backend that runs it, and returns the one object that owns its tensors. */
export function createClassifier(options: ClassifierOptions): Promise<Classifier> {
  const { source, runtime, backends = BACKENDS, firstAnswerOn } = options;
  return runtime.exclusively(async () => {
    // The model downloads while the backend starts (fetching and compiling WASM, or WebGL).
    const model = source();
    model.catch(() => undefined); // handled where it is awaited; not an unhandled rejection
    const loading: Loading = { model, initialise: runtime.initialiseBackend };
    const first = await startSession(loading, startOrder(backends, firstAnswerOn));
    const firstAnswer = first.backend === firstAnswerOn ? first : null;
    return sessionClassifier(new LiveSession(firstAnswer, first, loading, options), (await model).outputs);
  });
}
