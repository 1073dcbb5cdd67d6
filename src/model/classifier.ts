import * as tf from '@tensorflow/tfjs-core';
import { MNIST_PIXELS, MNIST_SIZE } from '../digit';
import { BACKENDS, type BackendName } from './backendChoice';
import { ModelError, describeError } from './errors';
import { loadModelArtifacts, type Fetch } from './loadArtifacts';
import { buildSequentialModel, type SequentialModel } from './sequentialModel';
import { initialiseTfjsBackend, type BackendInitialiser } from './tfjsBackends';

/** The page's side of the model contract: one 28x28x1 image in, ten probabilities out. */
const INPUT_SHAPE: [number, number, number, number] = [1, MNIST_SIZE, MNIST_SIZE, 1];
const DIGITS = 10;

export interface ClassifierOptions {
  /** Absolute URL of model.json; weight files are resolved against it. */
  readonly modelUrl: string;
  /** Backends to try, best first. One entry forces that backend. */
  readonly backends?: readonly BackendName[];
  readonly initialiseBackend?: BackendInitialiser;
  readonly fetchFile?: Fetch;
  /** Called after the backend in use failed and another took over. */
  readonly onBackendChange?: (backend: BackendName) => void;
}

export interface Classifier {
  /** The tfjs backend the model runs on now. */
  readonly backend: BackendName;
  /** 784 values (28x28, row-major, ink = 1, paper = 0) in; ten probabilities, digits 0-9, out. */
  classify(input: Float32Array): Promise<Float32Array>;
  /** Frees the model's tensors. The classifier cannot be used afterwards. */
  dispose(): void;
}

interface Session {
  readonly backend: BackendName;
  readonly model: SequentialModel;
  readonly stopWatching: () => void;
  /** Set from outside when the backend dies (WebGL context loss). */
  readonly health: { lost: boolean };
}

// tfjs has one active backend per page. Loading, falling back and switching backends take turns,
// so two loads (a retry, React's development double mount) never interleave their setBackend calls.
let turn: Promise<unknown> = Promise.resolve();
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const result = turn.then(task);
  turn = result.catch(() => undefined);
  return result;
}

async function predict(model: SequentialModel, input: Float32Array): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(tf.tensor4d(input, INPUT_SHAPE)));
  try {
    const probabilities = await output.data<'float32'>();
    if (probabilities.length !== DIGITS) {
      throw new ModelError(
        'corrupt-model',
        `Could not load the model: it gives ${probabilities.length} outputs, the page needs ${DIGITS}`,
      );
    }
    return probabilities;
  } finally {
    output.dispose();
  }
}

/** Why a prediction on `session` cannot be trusted, or its probabilities. */
async function tryPredict(session: Session, input: Float32Array): Promise<Float32Array | string> {
  if (session.health.lost) return 'WebGL context lost';
  let probabilities: Float32Array;
  try {
    probabilities = await predict(session.model, input);
  } catch (error) {
    if (error instanceof ModelError) throw error; // the model's fault: no backend will do better
    return describeError(error);
  }
  // A context lost during the read-back can return zeros instead of failing.
  if (session.health.lost) return 'WebGL context lost';
  // GPUs that only render half floats can overflow to NaN: that is a broken backend, not an answer.
  if (!probabilities.every(Number.isFinite)) return 'the model produced non-numbers';
  return probabilities;
}

const shapeText = (shape: readonly (number | null)[] | undefined) =>
  shape ? `[${shape.map(String).join(', ')}]` : 'nothing';

function buildModel(artifacts: tf.io.ModelArtifacts): SequentialModel {
  let model: SequentialModel;
  try {
    model = buildSequentialModel(artifacts);
  } catch (cause) {
    throw new ModelError('corrupt-model', `Could not load the model: ${describeError(cause)}`, { cause });
  }
  if (shapeText(model.inputShape) !== shapeText([null, ...INPUT_SHAPE.slice(1)])) {
    model.dispose();
    throw new ModelError(
      'corrupt-model',
      `Could not load the model: it takes ${shapeText(model.inputShape)}, the page needs [null, 28, 28, 1]`,
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

/**
 * Starts the first of `candidates` that can run the model: its backend starts, the model builds
 * on it, and a warm-up prediction (which compiles WebGL shaders and sizes buffers) succeeds.
 * A model the page cannot use fails the same way everywhere, so it stops the search at once.
 * `artifacts` may still be downloading: the first backend starts meanwhile.
 */
async function startSession(
  artifacts: Promise<tf.io.ModelArtifacts>,
  candidates: readonly BackendName[],
  initialise: BackendInitialiser,
): Promise<Session> {
  const failures: string[] = [];
  for (const [index, backend] of candidates.entries()) {
    const health = { lost: false };
    let stopWatching: () => void;
    try {
      stopWatching = await initialise(backend, {
        onLost: () => {
          health.lost = true;
        },
        lastResort: index === candidates.length - 1,
      });
    } catch (error) {
      failures.push(`${backend}: ${describeError(error)}`);
      continue;
    }
    let model: SequentialModel;
    try {
      model = buildModel(await artifacts);
    } catch (error) {
      stopWatching();
      throw error;
    }
    const session = { backend, model, stopWatching, health };
    let warmUp: Float32Array | string;
    try {
      warmUp = await tryPredict(session, new Float32Array(MNIST_PIXELS));
    } catch (error) {
      endSession(session);
      throw error;
    }
    if (typeof warmUp !== 'string') return session;
    endSession(session);
    failures.push(`${backend}: ${warmUp}`);
  }
  await artifacts; // a model that cannot load is the first thing to say
  throw new ModelError('no-backend', `No TensorFlow.js backend could run the model (${failures.join('; ')})`);
}

/** Tensors alive in tfjs right now, on every backend: a leak shows as a count that keeps growing. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}

/** Loads the model, starts the best backend that runs it, and returns the one object that owns its tensors. */
export function createClassifier(options: ClassifierOptions): Promise<Classifier> {
  const {
    modelUrl,
    backends = BACKENDS,
    initialiseBackend = initialiseTfjsBackend,
    fetchFile = (url, init) => fetch(url, init),
    onBackendChange = () => {},
  } = options;

  return exclusively(async () => {
    // The model downloads while the backend starts (fetching and compiling WASM, or WebGL).
    const artifacts = loadModelArtifacts(modelUrl, fetchFile);
    artifacts.catch(() => undefined); // handled where it is awaited; not an unhandled rejection

    let session = await startSession(artifacts, backends, initialiseBackend);
    let disposed = false;

    /** Replaces a failed session by the next backend in line, or throws when none is left. */
    const fallBack = (failed: Session, reason: string) =>
      exclusively(async () => {
        if (session !== failed) return session; // another call already moved on
        endSession(failed);
        const remaining = backends.slice(backends.indexOf(failed.backend) + 1);
        try {
          session = await startSession(artifacts, remaining, initialiseBackend);
        } catch (cause) {
          const tried = remaining.length > 0 ? `; ${describeError(cause)}` : '';
          throw new ModelError(
            'no-backend',
            `The ${failed.backend} backend stopped working (${reason})${tried}`,
            { cause },
          );
        }
        if (disposed) endSession(session);
        else onBackendChange(session.backend);
        return session;
      });

    return {
      get backend() {
        return session.backend;
      },
      async classify(input) {
        if (input.length !== MNIST_PIXELS) {
          throw new RangeError(`classify needs ${MNIST_PIXELS} values (28x28), got ${input.length}`);
        }
        for (;;) {
          const running = session;
          const outcome = await tryPredict(running, input);
          if (typeof outcome !== 'string') return outcome;
          // A disposed model fails too; that is no reason to start another backend.
          if (disposed) throw new Error('The classifier was disposed');
          await fallBack(running, outcome);
        }
      },
      dispose() {
        if (disposed) return;
        disposed = true;
        endSession(session);
      },
    };
  });
}
