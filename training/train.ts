/**
 * `npm run train -- [--data-dir DIR] [--out DIR] [--epochs N] [--limit N] [--seed N]
 *                   [--pen-data FILE|none] [--batch-size N] [--mirror URL]`; `--help` lists them
 *                   all (training/cli.ts).
 *
 * Trains the digit CNN on augmented MNIST (plus real pen digits of writers 1-20 when the pen data
 * is there) on TensorFlow.js's WASM backend, evaluates it, and exports it for the app.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { pathToFileURL } from 'node:url';
import { missingDataHint, parseTrainArgs, trainNotes, usageText, UsageError, wantsHelp } from './cli';
import { evaluate, type LabelledInputs } from './evaluate';
import { modelArtifacts, quantizeArtifacts, weightBytes, writeModelAtomically } from './exportModel';
import { DataFileError } from './idx';
import { startHelpers } from './helperPool';
import type { Split } from './mnist';
import { createModel } from './model';
import { EVAL_PEN_RATIOS, PEN_WRITERS, renderPenDigit, type PenDigit } from './pen';
import { batchLine, epochLine, LiveLine, summaryTable, type EpochRow } from './progress';
import { MNIST_PIXELS } from '../src/digit/types';
import { createRandom } from './random';
import { loadTrainingSources } from './sources';
import { fit } from './trainer';
import { registerWasmConvGradients } from './wasmConvGradients';

export interface TrainOptions {
  dataDir: string;
  out: string;
  epochs: number;
  limit?: number;
  seed: number;
  batchSize: number;
  /** Threads computing gradients, this one included. */
  workers: number;
  /** Pen trajectories JSON, or null to train and evaluate on MNIST alone. */
  penData: string | null;
  mirrors: readonly string[];
  /** Off only for tests with synthetic IDX files. */
  verifyChecksums?: boolean;
  log?: (line: string) => void;
  shouldStop?: () => boolean;
}

/** Renders pen digits once, at a fixed pen width, for evaluation. */
function renderAll(digits: readonly PenDigit[], penRatio: number): LabelledInputs {
  const inputs = new Float32Array(digits.length * MNIST_PIXELS);
  digits.forEach((digit, i) => {
    const rendered = renderPenDigit(digit, penRatio);
    if (rendered) inputs.set(rendered, i * MNIST_PIXELS);
  });
  return { inputs, labels: digits.map((digit) => digit.label) };
}

/** The test sets, prepared once and read by both the float32 and the 8-bit model. */
interface TestSets {
  mnist: LabelledInputs;
  /** The held-out writers' pen digits, drawn at each of `EVAL_PEN_RATIOS`. */
  pen: { ratio: number; set: LabelledInputs }[];
}

function testSets(mnistTest: Split, penTest: readonly PenDigit[]): TestSets {
  return {
    mnist: {
      inputs: Float32Array.from(mnistTest.images.pixels, (v) => v / 255),
      labels: mnistTest.labels.labels,
    },
    pen: penTest.length ? EVAL_PEN_RATIOS.map((ratio) => ({ ratio, set: renderAll(penTest, ratio) })) : [],
  };
}

async function evaluateOn(model: tfl.LayersModel, sets: TestSets) {
  const mnist = await evaluate(model, sets.mnist);
  if (sets.pen.length === 0) return { mnist, pen: null };
  const perRatio: Record<string, number> = {};
  for (const { ratio, set } of sets.pen) perRatio[String(ratio)] = (await evaluate(model, set)).accuracy;
  const accuracies = Object.values(perRatio);
  return { mnist, pen: { accuracy: accuracies.reduce((a, b) => a + b, 0) / accuracies.length, perRatio } };
}

export async function train(options: TrainOptions): Promise<Record<string, unknown>> {
  const log = options.log ?? ((line: string) => console.log(line));
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  await tf.ready();

  const sourceOptions = {
    dataDir: options.dataDir,
    penData: options.penData,
    limit: options.limit,
    mirrors: options.mirrors,
    verifyChecksums: options.verifyChecksums ?? true,
  };
  const { mnist, mnistCount, sources, pen } = await loadTrainingSources({
    ...sourceOptions,
    onProgress: log,
  });
  log(
    `training on ${mnistCount} MNIST images` +
      (pen.train.length
        ? ` + ${pen.train.length} pen digits (writers ${PEN_WRITERS.train[0]}-${PEN_WRITERS.train.at(-1)})`
        : '') +
      `, ${options.epochs} epochs, batch ${options.batchSize}, seed ${options.seed}, ` +
      `backend ${tf.getBackend()}, ${options.workers} thread${options.workers > 1 ? 's' : ''}`,
  );

  const model = createModel({ seed: options.seed });
  const tuneSet = pen.tune.length ? renderAll(pen.tune, EVAL_PEN_RATIOS[1]) : null;
  const rows: EpochRow[] = [];
  const live = new LiveLine();
  const helpers = await startHelpers(options.workers - 1, { ...sourceOptions, seed: options.seed });
  const started = performance.now();
  const history = await fit(model, sources, {
    helpers,
    epochs: options.epochs,
    batchSize: options.batchSize,
    random: createRandom(options.seed),
    shouldStop: options.shouldStop,
    onBatch: (progress) => live.update(batchLine(progress, options.epochs)),
    onEpochEnd: async (stats) => {
      const row: EpochRow = { ...stats };
      if (tuneSet) row.penTuneAccuracy = (await evaluate(model, tuneSet)).accuracy;
      rows.push(row);
      live.done(epochLine(row, options.epochs));
    },
  }).finally(() => Promise.all(helpers.map((helper) => helper.close())));
  if (history.length < options.epochs)
    throw new Error('training was interrupted; the previous model is untouched');
  const trainSeconds = (performance.now() - started) / 1000;

  // Evaluate what ships: the 8-bit weights, reloaded exactly as the app will load them.
  const floatArtifacts = await modelArtifacts(model);
  const shipped = quantizeArtifacts(floatArtifacts);
  const shippedModel = await tfl.loadLayersModel(tf.io.fromMemory(shipped));
  const sets = testSets(mnist.test, pen.test);
  const { mnist: test, pen: penResult } = await evaluateOn(shippedModel, sets);
  const { mnist: floatTest, pen: floatPen } = await evaluateOn(model, sets);

  const metrics = {
    testAccuracy: test.accuracy,
    confusion: test.confusion,
    params: model.countParams(),
    weightBytes: weightBytes(shipped),
    weightQuantization: 'uint8',
    floatTestAccuracy: floatTest.accuracy,
    penAccuracy: penResult?.accuracy ?? null,
    penAccuracyByPenWidth: penResult?.perRatio ?? null,
    floatPenAccuracy: floatPen?.accuracy ?? null,
    penWriters: penResult ? PEN_WRITERS.test : [],
    penTrainWriters: pen.train.length ? PEN_WRITERS.train : [],
    penTuneWriters: pen.tune.length ? PEN_WRITERS.tune : [],
    penDigits: pen.test.length,
    epochs: options.epochs,
    batchSize: options.batchSize,
    trainImages: mnistCount + pen.train.length,
    trainSeconds: Math.round(trainSeconds),
    samplesPerSecond: Math.round(history.reduce((a, h) => a + h.imagesPerSecond, 0) / history.length),
    history: rows,
    seed: options.seed,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    createdAt: new Date().toISOString(),
  };
  await writeModelAtomically(shipped, options.out, metrics);
  shippedModel.dispose();
  model.dispose();

  log(`\n${summaryTable(rows)}\n`);
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  log(`MNIST test accuracy: ${pct(test.accuracy)} (8-bit weights; float32 ${pct(floatTest.accuracy)})`);
  if (penResult && floatPen) {
    log(
      `pen digits, writers ${PEN_WRITERS.test[0]}-${PEN_WRITERS.test.at(-1)} (${pen.test.length} digits): ${pct(penResult.accuracy)} (float32 ${pct(floatPen.accuracy)})`,
    );
  }
  log(
    `${metrics.params} parameters, ${metrics.weightBytes} bytes of weights; ${metrics.trainSeconds}s, ${metrics.samplesPerSecond} img/s`,
  );
  log(`model written to ${options.out}`);
  return metrics;
}

async function main(): Promise<number> {
  let stopRequested = false;
  process.on('SIGINT', () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.error('\ninterrupted: stopping; the previous model stays in place (Ctrl-C again to quit now)');
  });
  try {
    const argv = process.argv.slice(2);
    if (wantsHelp(argv)) {
      console.log(usageText());
      return 0;
    }
    const options = parseTrainArgs(argv);
    for (const note of trainNotes(options)) console.log(note);
    await train({ ...options, shouldStop: () => stopRequested });
    return 0;
  } catch (error) {
    const message = error instanceof UsageError ? `usage: ${error.message}` : (error as Error).message;
    console.error(`train: ${message}${missingDataHint(error)}`);
    if (!(error instanceof UsageError || error instanceof DataFileError || stopRequested))
      console.error((error as Error).stack);
    return stopRequested ? 130 : error instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
