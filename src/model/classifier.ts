import * as tf from '@tensorflow/tfjs-core';
import { MNIST_SIZE, NUM_CLASSES } from '../digit';
import { BACKENDS, type BackendName } from './backendChoice';
import { ModelError, describeError } from './errors';
import type { ModelSource } from './modelSource';
import type { TfRuntime } from './runtime';
import { buildSequentialModel, type SequentialModel } from './sequentialModel';
import type { BackendInitialiser } from './tfjsBackends';

/** What the page expects of a model: its input side and its outputs per input (digits first). */
interface ModelSpec {
  readonly inputSize: number;
  readonly outputs: number;
}

/**
 * The contract's model: one 28x28x1 image in, ten probabilities out. The catalog refuses entries
 * of any other shape (`catalog.ts`), and the model built is checked against it.
 */
const DIGIT_MODEL: ModelSpec = { inputSize: MNIST_SIZE, outputs: NUM_CLASSES };

export interface ClassifierOptions {
  /** Where the topology and weights come from; called once, while the first backend starts. */
  readonly source: ModelSource;
  /** The page's tfjs runtime: its lock and its backend initialiser. */
  readonly runtime: TfRuntime;
  /** Backends to try, best first. One entry forces that backend. */
  readonly backends?: readonly BackendName[];
  /** Called after the backend in use failed and another took over. */
  readonly onBackendChange?: (backend: BackendName) => void;
}

export interface Classifier {
  /** The tfjs backend the model runs on now. */
  readonly backend: BackendName;
  /** One input (inputSize² values, row-major, ink = 1, paper = 0) in; its outputs out. */
  classify(input: Float32Array): Promise<Float32Array>;
  /** Several inputs in one model call (one batch row each); their outputs, in order. */
  classifyBatch(inputs: readonly Float32Array[]): Promise<Float32Array[]>;
  /**
   * Several inputs in one model call: each input's outputs and its penultimate features (what
   * adapting to a person compares). No tensor leaves the model module.
   */
  classifyWithFeatures(inputs: readonly Float32Array[]): Promise<FeaturedOutput[]>;
  /** Frees the model's tensors. The classifier cannot be used afterwards. */
  dispose(): void;
}

/** One input's outputs and the network's penultimate features for it. */
export interface FeaturedOutput {
  readonly outputs: Float32Array;
  readonly features: Float32Array;
}

interface Session {
  readonly backend: BackendName;
  readonly model: SequentialModel;
  readonly stopWatching: () => void;
  /** Set from outside when the backend dies (WebGL context loss). */
  readonly health: { lost: boolean };
}

/** Outputs for a batch of inputs, one model call, split into one array per input. */
async function predict(
  model: SequentialModel,
  inputs: readonly Float32Array[],
  spec: ModelSpec,
): Promise<Float32Array[]> {
  const { inputSize, outputs } = spec;
  const pixels = inputSize * inputSize;
  const batch = new Float32Array(inputs.length * pixels);
  inputs.forEach((input, i) => batch.set(input, i * pixels));
  const output = tf.tidy(() => model.predict(tf.tensor4d(batch, [inputs.length, inputSize, inputSize, 1])));
  try {
    const values = await output.data<'float32'>();
    if (values.length !== inputs.length * outputs) {
      throw new ModelError(
        'corrupt-model',
        `Could not load the model: it gives ${values.length / inputs.length} outputs, the page needs ${outputs}`,
      );
    }
    return inputs.map((_, i) => values.slice(i * outputs, (i + 1) * outputs));
  } finally {
    output.dispose();
  }
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

/** Outputs and penultimate features for a batch, one forward pass. */
async function predictWithFeatures(
  model: SequentialModel,
  inputs: readonly Float32Array[],
  { inputSize }: ModelSpec,
): Promise<FeaturedOutput[]> {
  const pixels = inputSize * inputSize;
  const batch = new Float32Array(inputs.length * pixels);
  inputs.forEach((input, i) => batch.set(input, i * pixels));
  const { probabilities, features } = tf.tidy(() =>
    model.predictWithFeatures(tf.tensor4d(batch, [inputs.length, inputSize, inputSize, 1])),
  );
  const [outputs, featureRows] = await Promise.all([rowsOf(probabilities), rowsOf(features)]);
  return outputs.map((row, i) => ({ outputs: row, features: featureRows[i] }));
}

/** Why a prediction on `session` cannot be trusted, or its probabilities. */
async function tryPredict(
  session: Session,
  inputs: readonly Float32Array[],
  spec: ModelSpec,
): Promise<Float32Array[] | string> {
  if (session.health.lost) return 'WebGL context lost';
  let probabilities: Float32Array[];
  try {
    probabilities = await predict(session.model, inputs, spec);
  } catch (error) {
    if (error instanceof ModelError) throw error; // the model's fault: no backend will do better
    return describeError(error);
  }
  // A context lost during the read-back can return zeros instead of failing.
  if (session.health.lost) return 'WebGL context lost';
  // GPUs that only render half floats can overflow to NaN: that is a broken backend, not an answer.
  if (!probabilities.every((row) => row.every(Number.isFinite))) return 'the model produced non-numbers';
  return probabilities;
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

/** Where a classifier looks for its next session: the model, its spec, and how to start a backend. */
interface Loading {
  /** The model's artifacts; may still be downloading while the first backend starts. */
  readonly artifacts: Promise<tf.io.ModelArtifacts>;
  readonly spec: ModelSpec;
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
  try {
    model = buildModel(await loading.artifacts, loading.spec);
  } catch (error) {
    stopWatching();
    throw error;
  }
  const session = { backend, model, stopWatching, health };
  const { inputSize } = loading.spec;
  // The warm-up compiles WebGL shaders and sizes buffers; a backend that cannot run it is no use.
  const warmUp = await tryPredict(session, [new Float32Array(inputSize * inputSize)], loading.spec).catch(
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
  await loading.artifacts; // a model that cannot load is the first thing to say
  throw new ModelError('no-backend', `No TensorFlow.js backend could run the model (${failures.join('; ')})`);
}

/** Tensors alive in tfjs right now, on every backend: a leak shows as a count that keeps growing. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}

/** The live session of a classifier, which moves to the next backend in line when one fails. */
class FallingBackSession {
  current: Session;
  disposed = false;

  constructor(
    first: Session,
    private readonly loading: Loading,
    private readonly options: ClassifierOptions,
  ) {
    this.current = first;
  }

  /** Replaces a failed session by the next backend in line, or throws when none is left. */
  fallBack(failed: Session, reason: string): Promise<void> {
    const { runtime, backends = BACKENDS, onBackendChange = () => {} } = this.options;
    return runtime.exclusively(async () => {
      if (this.current !== failed) return; // another call already moved on
      endSession(failed);
      const remaining = backends.slice(backends.indexOf(failed.backend) + 1);
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

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    endSession(this.current);
  }
}

/** The classifier over a live session: runs predictions, falling back to the next backend when one fails. */
function sessionClassifier(first: Session, loading: Loading, options: ClassifierOptions): Classifier {
  const live = new FallingBackSession(first, loading, options);
  const classifyBatch = async (inputs: readonly Float32Array[]): Promise<Float32Array[]> => {
    const pixels = loading.spec.inputSize ** 2;
    const wrong = inputs.find((input) => input.length !== pixels);
    if (wrong) throw new RangeError(`classify needs ${pixels} values per input, got ${wrong.length}`);
    if (inputs.length === 0) return [];
    for (;;) {
      const running = live.current;
      const outcome = await tryPredict(running, inputs, loading.spec);
      if (typeof outcome !== 'string') return outcome;
      // A disposed model fails too; that is no reason to start another backend.
      if (live.disposed) throw new Error('The classifier was disposed');
      await live.fallBack(running, outcome);
    }
  };
  return {
    get backend() {
      return live.current.backend;
    },
    classifyBatch,
    classify: async (input) => (await classifyBatch([input]))[0],
    // No fallback of its own: a backend that fails here fails the next classifyBatch too, which moves on.
    classifyWithFeatures: async (inputs) =>
      inputs.length === 0 ? [] : predictWithFeatures(live.current.model, inputs, loading.spec),
    dispose: () => live.dispose(),
  };
}

/** Loads the model, starts the best backend that runs it, and returns the one object that owns its tensors. */
export function createClassifier(options: ClassifierOptions): Promise<Classifier> {
  const { source, runtime, backends = BACKENDS } = options;
  return runtime.exclusively(async () => {
    // The model downloads while the backend starts (fetching and compiling WASM, or WebGL).
    const artifacts = source();
    artifacts.catch(() => undefined); // handled where it is awaited; not an unhandled rejection
    const loading: Loading = { artifacts, spec: DIGIT_MODEL, initialise: runtime.initialiseBackend };
    return sessionClassifier(await startSession(loading, backends), loading, options);
  });
}
