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
import { dirname, join } from 'node:path';
import { modelArtifacts, quantizeArtifacts, weightBytes } from '../src/learning/artifacts';
import { evaluate, type LabelledInputs } from '../src/learning/evaluate';
import {
  heldOutFigures,
  heldOutMakers,
  MAX_TUNING_DIGIT_REJECTION,
  type HeldOutFigures,
  type LetterFigure,
  type WriterFigure,
} from './heldOut';
import { MAX_THRESHOLD } from '../src/learning/openSet';
import { readHeldOut } from './heldOutShare';
import { CATALOG_FILE } from '../src/model/catalog';
import { missingDataHint, parseTrainArgs, trainNotes, usageText, UsageError, wantsHelp } from './cli';
import { writeCatalogEntry, writeModelAtomically } from './exportModel';
import { DataFileError } from './idx';
import { startHelpers, type TrainingHelper } from './helperPool';
import { ARCHITECTURES, createModel, type ArchName } from '../src/learning/model';
import { EVAL_PEN_RATIOS, PEN_WRITERS, renderPenDigit, type PenDigit } from './pen';
import { batchLine, epochLine, LiveLine, summaryTable, type EpochRow } from './progress';
import { DIGIT_LABELS, MNIST_PIXELS, NOT_DIGIT, NUM_CLASSES } from '../src/digit/types';
import { createRandom } from '../src/learning/random';
import {
  loadTrainingSources,
  outputsFor,
  trainingMix,
  type SourceOptions,
  type TrainingData,
} from './sources';
import { fit, imagesPerEpoch, visitedPerEpoch, type DigitSource } from '../src/learning/fit';
import { measureLatency, type Latency } from './latency';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';

export interface TrainOptions {
  dataDir: string;
  /** Which network (`src/learning/model.ts`); `cnn` when not given. */
  arch?: ArchName;
  out: string;
  epochs: number;
  limit?: number;
  seed: number;
  batchSize: number;
  /** Threads computing gradients, this one included. */
  workers: number;
  /** Pen trajectories JSON, or null to train and evaluate on MNIST alone. */
  penData: string | null;
  /** UNIPEN digits and letters (pen-data JSON), or null. */
  unipenData?: string | null;
  lettersData?: string | null;
  /** Generated non-digits per epoch. */
  negatives?: number;
  /** MNIST images per epoch (a fresh random choice each epoch); default all. */
  mnistPerEpoch?: number;
  /** Visits of each real pen and UNIPEN training digit an epoch; default 1. */
  realRepeats?: number;
  /** The share of the pen and UNIPEN training writers learned from; default all (1). */
  trainWriters?: number;
  mirrors: readonly string[];
  /** Off only for tests with synthetic IDX files. */
  verifyChecksums?: boolean;
  log?: (line: string) => void;
  shouldStop?: () => boolean;
}

/** Renders pen digits once, at a fixed pen width, for the per-epoch tuning figure. */
function renderAll(digits: readonly PenDigit[], penRatio: number): LabelledInputs {
  const inputs = new Float32Array(digits.length * MNIST_PIXELS);
  digits.forEach((digit, i) => {
    const rendered = renderPenDigit(digit, penRatio);
    if (rendered) inputs.set(rendered, i * MNIST_PIXELS);
  });
  return { inputs, labels: digits.map((digit) => digit.label) };
}

type Log = (line: string) => void;

const sourceNames: Record<string, string> = {
  mnist: 'MNIST images',
  pen: 'pen digits (training writers)',
  unipen: 'UNIPEN digits (training writers)',
  letters: 'UNIPEN letters',
  negatives: 'generated non-digits',
};

/** "30000 of 60000 MNIST images": what one epoch takes of a source. */
function describeSource(source: DigitSource): string {
  const name = sourceNames[source.name] ?? source.name;
  const perEpoch = visitedPerEpoch(source);
  return perEpoch < source.count ? `${perEpoch} of ${source.count} ${name}` : `${source.count} ${name}`;
}

/** The sources of an epoch, one line each: "2 x 4996 pen digits" for a source visited twice (`--real-repeats`). */
function describeEpoch(sources: readonly DigitSource[]): string {
  const visits = new Map<string, { source: DigitSource; count: number }>();
  for (const source of sources) {
    const seen = visits.get(source.name);
    if (seen) seen.count++;
    else visits.set(source.name, { source, count: 1 });
  }
  return [...visits.values()]
    .map(({ source, count }) => `${count > 1 ? `${count} x ` : ''}${describeSource(source)}`)
    .join(' + ');
}

/** Everything training reads, loaded once, and the held-out sets prepared once for evaluation. */
interface PreparedData extends TrainingData {
  readonly sourceOptions: SourceOptions;
  /** The tuning writers' pen digits at the middle pen width: the per-epoch figure. */
  readonly tuneSet: LabelledInputs | null;
}

async function startWasmBackend(): Promise<void> {
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  await tf.ready();
}

async function prepareData(options: TrainOptions, log: Log): Promise<PreparedData> {
  const sourceOptions: SourceOptions = {
    dataDir: options.dataDir,
    penData: options.penData,
    unipenData: options.unipenData,
    lettersData: options.lettersData,
    negatives: options.negatives,
    mnistPerEpoch: options.mnistPerEpoch,
    realRepeats: options.realRepeats,
    trainWriters: options.trainWriters,
    limit: options.limit,
    mirrors: options.mirrors,
    verifyChecksums: options.verifyChecksums ?? true,
  };
  const data = await loadTrainingSources({ ...sourceOptions, onProgress: log });
  log(
    `training on ${describeEpoch(data.sources)}` +
      ` an epoch, ${options.epochs} epochs, batch ${options.batchSize}, seed ${options.seed}, ` +
      `backend ${tf.getBackend()}, ${options.workers} thread${options.workers > 1 ? 's' : ''}`,
  );
  const tuneSet = data.pen.tune.length ? renderAll(data.pen.tune, EVAL_PEN_RATIOS[1]) : null;
  return { ...data, sourceOptions, tuneSet };
}

interface TrainedModel {
  readonly model: tfl.LayersModel;
  readonly rows: readonly EpochRow[];
  readonly trainSeconds: number;
}

/** Fits a new model with helper threads; the model is disposed if training does not finish. */
async function trainModel(
  options: TrainOptions,
  data: PreparedData,
  helpers: readonly TrainingHelper[],
): Promise<TrainedModel> {
  const arch = options.arch ?? 'cnn';
  const model = createModel({ seed: options.seed, arch, outputs: outputsFor(data.sourceOptions) });
  const rows: EpochRow[] = [];
  const live = new LiveLine();
  try {
    const started = performance.now();
    const history = await fit(model, data.sources, {
      helpers,
      epochs: options.epochs,
      batchSize: options.batchSize,
      random: createRandom(options.seed),
      shouldStop: options.shouldStop,
      onBatch: (progress) => live.update(batchLine(progress, options.epochs)),
      onEpochEnd: async (stats) => {
        const row: EpochRow = { ...stats };
        if (data.tuneSet) row.penTuneAccuracy = (await evaluate(model, data.tuneSet)).accuracy;
        rows.push(row);
        live.done(epochLine(row, options.epochs));
      },
    });
    if (history.length < options.epochs)
      throw new Error('training was interrupted; the previous model is untouched');
    return { model, rows, trainSeconds: (performance.now() - started) / 1000 };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

interface ShippedEvaluation {
  /** The 8-bit artifacts that will be written. */
  readonly shipped: tf.io.ModelArtifacts;
  /** The shipped weights' figures; the threshold is chosen on them, on the tuning writers. */
  readonly quantized: HeldOutFigures;
  /** The float32 model's, at the same threshold. */
  readonly float: HeldOutFigures;
  /** Milliseconds per prediction of the shipped weights, one drawing at a time. */
  readonly latency: Latency;
}

/**
 * Evaluates what ships: the 8-bit weights, reloaded exactly as the app will load them; and the
 * float32 model beside it. The held-out sets are shared out with `helper`, if any.
 */
async function evaluateShipped(
  model: tfl.LayersModel,
  data: PreparedData,
  helper: TrainingHelper | undefined,
): Promise<Omit<ShippedEvaluation, 'latency'>> {
  const shipped = quantizeArtifacts(await modelArtifacts(model));
  const shippedModel = await tfl.loadLayersModel(tf.io.fromMemory(shipped));
  try {
    const withGenerated = outputsFor(data.sourceOptions) > NUM_CLASSES;
    const makers = heldOutMakers(data.mnist.test, data, withGenerated);
    const { drawn, outputs } = await readHeldOut(makers, [shippedModel, model], helper, withGenerated);
    const quantized = heldOutFigures(outputs[0], drawn);
    const float = heldOutFigures(outputs[1], drawn, quantized.threshold);
    return { shipped, quantized, float };
  } finally {
    shippedModel.dispose();
  }
}

/**
 * The flags beyond epochs, batch and seed that shape what a run learns, as it ran (`trainingMix`):
 * `trainImages` shows their sum, not which of them a non-default run changed. `workers` is here
 * because the same seed reproduces the same weights only with the same thread count.
 */
const recipeOf = (options: TrainOptions) => ({ ...trainingMix(options), workers: options.workers });

const meanImagesPerSecond = (rows: readonly EpochRow[]) =>
  Math.round(rows.reduce((a, h) => a + h.imagesPerSecond, 0) / rows.length);

function metricsOf(
  options: TrainOptions,
  data: PreparedData,
  trained: TrainedModel,
  evaluation: ShippedEvaluation,
) {
  const { quantized, float, shipped, latency } = evaluation;
  const arch = options.arch ?? 'cnn';
  return {
    arch,
    name: ARCHITECTURES[arch].name,
    testAccuracy: quantized.mnist.accuracy,
    confusion: quantized.mnist.confusion,
    params: trained.model.countParams(),
    weightBytes: weightBytes(shipped),
    weightQuantization: 'uint8',
    msPerPrediction: latency.medianMs,
    latency,
    floatTestAccuracy: float.mnist.accuracy,
    penAccuracy: quantized.pen?.accuracy ?? null,
    penAccuracyByPenWidth: quantized.pen?.byPenWidth ?? null,
    floatPenAccuracy: float.pen?.accuracy ?? null,
    penWriters: quantized.pen ? PEN_WRITERS.test : [],
    penTrainWriters: writerList(data.pen.train),
    penTuneWriters: data.pen.tune.length ? PEN_WRITERS.tune : [],
    penDigits: data.pen.test.length,
    epochs: options.epochs,
    batchSize: options.batchSize,
    trainImages: imagesPerEpoch(data.sources),
    recipe: recipeOf(options),
    ...realHandwritingMetrics(data, evaluation),
    trainSeconds: Math.round(trained.trainSeconds),
    samplesPerSecond: meanImagesPerSecond(trained.rows),
    history: trained.rows,
    seed: options.seed,
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    createdAt: new Date().toISOString(),
  };
}

/** What the model says of real handwriting of unseen writers, and of ink that is not a digit. */
function realHandwritingMetrics(data: PreparedData, { quantized, float }: ShippedEvaluation) {
  const outputs = outputsFor(data.sourceOptions);
  return {
    outputs,
    outputNames: [...DIGIT_LABELS, ...(outputs > NUM_CLASSES ? ['not a digit'] : [])],
    notDigit: outputs > NUM_CLASSES ? { output: NOT_DIGIT, threshold: quantized.threshold } : null,
    notDigitThresholdRule: `the lowest (in hundredths, 0.05-${MAX_THRESHOLD}) at which at most ${MAX_TUNING_DIGIT_REJECTION * 100}% of the tuning writers' digits are called not a digit`,
    unipenAccuracy: quantized.unipen?.accuracy ?? null,
    floatUnipenAccuracy: float.unipen?.accuracy ?? null,
    unipenDigits: data.unipen.test.length,
    unipenTrainWriters: writerList(data.unipen.train),
    unipenWriters: {
      train: writersOf(data.unipen.train),
      tune: writersOf(data.unipen.tune),
      test: writersOf(data.unipen.test),
    },
    heldOut: quantized,
  };
}

/**
 * The writers of some samples, in order: for the writers a model learned from, what `npm run
 * test:adaptation -- --tune` needs to know which writers it never saw (a `--train-writers` run
 * leaves some out).
 */
const writerList = <W extends number | string>(samples: readonly { writer: W }[]): W[] =>
  [...new Set(samples.map((s) => s.writer))].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );

const writersOf = (samples: readonly { writer: number | string }[]) => writerList(samples).length;

type Metrics = ReturnType<typeof metricsOf>;

function report(log: Log, options: TrainOptions, metrics: Metrics, rows: readonly EpochRow[]): void {
  log(`\n${summaryTable(rows)}\n`);
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  log(
    `MNIST test accuracy: ${pct(metrics.testAccuracy)} (8-bit weights; float32 ${pct(metrics.floatTestAccuracy)})`,
  );
  if (metrics.penAccuracy !== null && metrics.floatPenAccuracy !== null) {
    log(
      `pen digits, writers ${PEN_WRITERS.test[0]}-${PEN_WRITERS.test.at(-1)} (${metrics.penDigits} digits): ${pct(metrics.penAccuracy)} (float32 ${pct(metrics.floatPenAccuracy)})`,
    );
  }
  reportHeldOut(log, metrics.heldOut);
  log(
    `${metrics.params} parameters, ${metrics.weightBytes} bytes of weights; ${metrics.trainSeconds}s, ${metrics.samplesPerSecond} img/s`,
  );
  log(
    `${metrics.msPerPrediction} ms per prediction (median of ${metrics.latency.runs}, one at a time, ${metrics.latency.backend}${metrics.latency.simd ? ' SIMD' : ''})`,
  );
  log(`model written to ${options.out}, listed in ${join(dirname(options.out), CATALOG_FILE)}`);
}

/** Each test writer's accuracy, worst first; the writers with none wrong only counted. */
export function writersLine(name: string, byWriter: readonly WriterFigure[]): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const missed = byWriter.filter((w) => w.accuracy < 1);
  const perfect = byWriter.length - missed.length;
  const listed = missed.map((w) => `${w.writer} ${pct(w.accuracy)} of ${w.count}`).join(', ');
  return (
    `${name} by test writer, worst first: ${listed || 'none wrong'}` +
    (perfect ? `; ${perfect} more with none wrong` : '')
  );
}

/** The letters the page takes for a sure digit, most first: the first ten named, the rest counted. */
export function lettersLine(byLetter: readonly LetterFigure[]): string {
  const named = byLetter.slice(0, 10).map((l) => `${l.letter} ${l.takenForDigit} of ${l.count}`);
  const rest = byLetter.slice(10);
  const more = rest.reduce((sum, l) => sum + l.takenForDigit, 0);
  return (
    `letters answered as a sure digit, most first: ${named.join(', ') || 'none'}` +
    (rest.length ? `; ${more} more among ${rest.length} other letters` : '')
  );
}

/** The held-out figures, a line each (also `npm run measure`'s output). */
export function reportHeldOut(log: Log, figures: HeldOutFigures): void {
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const { unipen, letters, lookalikes, generated, auroc, sizes, calibrationError, pen } = figures;
  if (unipen) log(`UNIPEN digits, test writers (${unipen.count} digits): ${pct(unipen.accuracy)}`);
  if (figures.tuningDigitsAccuracy !== null)
    log(
      `tuning writers (they choose between runs; no reported figure): digits ${pct(figures.tuningDigitsAccuracy)} right` +
        (figures.tuningLettersRejected === null
          ? ''
          : `, letters ${pct(figures.tuningLettersRejected)} "not a digit" or unsure`),
    );
  if (pen && unipen)
    log(
      `real digits answered "not a digit": pen ${pct(pen.notDigit)}, UNIPEN ${pct(unipen.notDigit)} (threshold ${figures.threshold}); unsure: pen ${pct(pen.unsure)}, UNIPEN ${pct(unipen.unsure)}`,
    );
  if (letters)
    log(
      `letters, test writers (${letters.count}): not a digit ${pct(letters.notDigit)}, unsure ${pct(letters.unsure)}`,
    );
  if (lookalikes)
    log(`digit-like letters (${lookalikes.count}, reported apart): not a digit ${pct(lookalikes.notDigit)}`);
  if (generated)
    log(
      `generated non-digits (${generated.count}): not a digit ${pct(generated.notDigit)} (the model alone ${pct(generated.modelAlone)})`,
    );
  if (auroc)
    log(
      `AUROC digits vs letters: not-a-digit output ${auroc.notDigitOutput.toFixed(4)}, 1 - top digit ${auroc.oneMinusTopDigit.toFixed(4)}`,
    );
  if (sizes)
    log(`digits at 10% / 60% of the pad: ${pct(sizes.byHeight['0.1'])} / ${pct(sizes.byHeight['0.6'])}`);
  if (calibrationError !== null)
    log(`expected calibration error, real digits: ${calibrationError.toFixed(4)}`);
  reportWhereMissesAre(log, figures);
}

/** Which test writers' digits are misread, and which letters are taken for digits. */
function reportWhereMissesAre(log: Log, { pen, unipen, letters }: HeldOutFigures): void {
  if (pen) log(writersLine('pen digits', pen.byWriter));
  if (unipen) log(writersLine('UNIPEN digits', unipen.byWriter));
  if (letters) log(lettersLine(letters.byLetter));
}

/** Trains and evaluates with the same helper threads, closed however it ends. */
async function trainAndEvaluate(options: TrainOptions, data: PreparedData) {
  const arch = options.arch ?? 'cnn';
  const helpers = await startHelpers(options.workers - 1, {
    ...data.sourceOptions,
    seed: options.seed,
    arch,
  });
  try {
    const trained = await trainModel(options, data, helpers);
    try {
      return { trained, evaluated: await evaluateShipped(trained.model, data, helpers[0]) };
    } catch (error) {
      trained.model.dispose();
      throw error;
    }
  } finally {
    await Promise.all(helpers.map((helper) => helper.close()));
  }
}

/**
 * prepare data -> train -> evaluate the shipped weights -> metrics -> write atomically -> report.
 * A run that fails or is stopped at any step leaves the previous model and catalog in place.
 */
export async function train(options: TrainOptions): Promise<Metrics> {
  const log = options.log ?? ((line: string) => console.log(line));
  await startWasmBackend();
  const data = await prepareData(options, log);
  const { trained, evaluated } = await trainAndEvaluate(options, data);
  try {
    // Timed alone, once the helpers are gone: they would slow every prediction down.
    const evaluation = { ...evaluated, latency: await measureLatency(evaluated.shipped) };
    const metrics = metricsOf(options, data, trained, evaluation);
    await writeModelAtomically(evaluation.shipped, options.out, metrics);
    writeCatalogEntry(options.out);
    report(log, options, metrics, trained.rows);
    return metrics;
  } finally {
    trained.model.dispose();
  }
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
