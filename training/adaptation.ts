/**
 * `npm run test:adaptation -- [--model DIR]... [--pen-data FILE] [--unipen-data FILE] [--tune] [--fine-tune] [--json FILE]`
 *
 * How much adapting to a person helps, on writers the model never learned from (pen digits 25-30,
 * UNIPEN test writers): for each writer, k drawings per digit become "the person's corrections",
 * the rest of their digits are the test. The model runs through the page's own code
 * (src/model: the classifier and its Sequential runner) on the WASM backend, each sample drawn as
 * a person would draw it on the page's pad and read as the page reads it; the adaptation is the
 * page's (src/adaptation): the output layer fine-tuned on the corrections, then the memory's
 * vote. `--tune` scores the memory's options on the tuning writers instead, never on the writers
 * it reports: every writer that is not a test writer and that the model in `--model` did not
 * learn from (pen digits 21-24 and UNIPEN's tuning writers, and the training writers a `npm run
 * train -- --train-writers` run left out, as its metrics.json lists); given `--model` more than
 * once, it sums the scores over the models. `--fine-tune` sets the page's way beside each half
 * alone: the memory (`src/adaptation/memory.ts`) and the fine-tuned layer
 * (`src/adaptation/outputLayer.ts`).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ADAPT_DEFAULTS,
  adapt,
  memoryOfReadings,
  personalWeight,
  type AdaptOptions,
} from '../src/adaptation/memory';
import { NUM_CLASSES, topDigit } from '../src/digit';
import { penDigitsGroup, unipenGroup, type WriterGroup } from '../src/digit/writerSplit';
import { createRandom, shuffled } from '../src/learning/random';
import { createClassifier, type Classifier, type FeaturedOutput } from '../src/model/classifier';
import type { NotDigitScore } from '../src/model/catalog';
import type { ModelOutputs } from '../src/model/modelSource';
import { createTfRuntime } from '../src/model/runtime';
import { tuneOutputLayer } from '../src/adaptation/outputLayer';
import { readModelFolder } from './exportModel';
import { loadPenDigits, renderAtHeight, type PenDigit } from './pen';

export const KS = [1, 3, 5] as const;
const MAX_K = Math.max(...KS);
/** The page's pad on a phone, and a digit drawn 60% of its height (the e2e suite's tidy placement). */
const PAD_SIDE = 360;
const DIGIT_HEIGHT = 0.6 * PAD_SIDE;
const MISLABELLED = 0.1;
const MISLABEL_SEEDS = [1, 2, 3];

/** One writer's samples, read once: labels, the model's outputs and features, in a fixed shuffled order. */
export interface WriterReadings {
  readonly writer: string;
  readonly labels: number[];
  readonly readings: FeaturedOutput[];
}

/** What this tool reads of the metrics.json training wrote beside a model (older ones lack some). */
interface FolderMetrics {
  readonly outputs?: number;
  readonly notDigit?: NotDigitScore | null;
  readonly penTrainWriters?: (number | string)[];
  readonly unipenTrainWriters?: (number | string)[];
}

const folderMetrics = (modelDir: string) =>
  JSON.parse(readFileSync(join(modelDir, 'metrics.json'), 'utf8')) as FolderMetrics;

/** What a model folder's outputs mean. */
function outputsInFolder(modelDir: string): ModelOutputs {
  const metrics = folderMetrics(modelDir);
  return { count: metrics.outputs ?? NUM_CLASSES, notDigit: metrics.notDigit ?? null };
}

/** A Node classifier on WASM built by the page's own code, from a model folder. */
export function nodeClassifier(modelDir: string): Promise<Classifier> {
  const runtime = createTfRuntime(async (backend) => {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start ${backend}`);
    return () => {};
  });
  const source = async () => ({ artifacts: readModelFolder(modelDir), outputs: outputsInFolder(modelDir) });
  return createClassifier({ source, runtime, backends: ['wasm'] });
}

/** Writers `picked` with at least MAX_K + 1 samples of every digit: every k leaves a test. */
export function writersOf(digits: readonly PenDigit[], picked: (w: number | string) => boolean) {
  const byWriter = new Map<string, PenDigit[]>();
  for (const d of digits)
    if (picked(d.writer)) byWriter.set(String(d.writer), [...(byWriter.get(String(d.writer)) ?? []), d]);
  const counts = (samples: PenDigit[]) =>
    Array.from({ length: NUM_CLASSES }, (_, digit) => samples.filter((s) => s.label === digit).length);
  return [...byWriter].filter(([, samples]) => Math.min(...counts(samples)) > MAX_K);
}

/** Reads every sample of a writer through the classifier, drawn as on the page, in a seeded order. */
export async function readWriter(
  classifier: Classifier,
  writer: string,
  samples: PenDigit[],
): Promise<WriterReadings> {
  const order = shuffled(samples, createRandom(7));
  const drawn = order
    .map((sample) => ({ sample, input: renderAtHeight(sample, DIGIT_HEIGHT, PAD_SIDE) }))
    .filter((d): d is { sample: PenDigit; input: Float32Array } => d.input !== null);
  const readings: FeaturedOutput[] = [];
  for (let i = 0; i < drawn.length; i += 128)
    readings.push(...(await classifier.classifyWithFeatures(drawn.slice(i, i + 128).map((d) => d.input))));
  return { writer, labels: drawn.map((d) => d.sample.label), readings };
}

/** Which samples are corrections (the first k of each digit in the writer's order) and which the test. */
export function splitCorrections(labels: readonly number[], k: number) {
  const seen = new Array<number>(NUM_CLASSES).fill(0);
  const corrections: number[] = [];
  const test: number[] = [];
  labels.forEach((label, i) => {
    seen[label]++;
    if (seen[label] <= k) corrections.push(i);
    else if (seen[label] > MAX_K) test.push(i);
  });
  return { corrections, test };
}

/** A wrong label for `share` of the corrections, chosen by `seed`. */
function mislabel(labels: readonly number[], share: number, seed: number): number[] {
  const random = createRandom(seed);
  const wrong = new Set(shuffled([...labels.keys()], random).slice(0, Math.round(share * labels.length)));
  return labels.map((label, i) => (wrong.has(i) ? (label + 1 + Math.floor(random() * 9)) % 10 : label));
}

/** One correction as an adapter learns from it: what the model made of the drawing, and its label. */
export interface Correction {
  readonly outputs: Float32Array;
  readonly features: Float32Array;
  readonly label: number;
}

/** A way of adapting: from a person's corrections, a function that adapts the model's answers. */
export type Adapter = (
  corrections: readonly Correction[],
) => (outputs: Float32Array, features: Float32Array) => Float32Array;

/**
 * The page's memory (src/adaptation/memory.ts) with these options, its vote's weight chosen for the
 * person from their corrections (as the page's worker chooses it from the newest 200 drawings).
 */
export const memoryAdapter =
  (options: AdaptOptions): Adapter =>
  (corrections) => {
    const memory = memoryOfReadings(corrections);
    const weight = personalWeight(
      memory,
      corrections.map((c) => c.outputs),
      options,
    );
    const personal = { ...options, weight };
    return (outputs, features) => adapt(outputs, features, memory, personal);
  };

/** The output layer fine-tuned on the corrections. */
export const fineTuneAdapter: Adapter = (corrections) => tuneOutputLayer(corrections);

/** The fine-tuned layer's answers, then blended with the memory's vote: how the page adapts. */
export const bothAdapter =
  (options: AdaptOptions, fineTune: Adapter = fineTuneAdapter): Adapter =>
  (corrections) => {
    const tuned = fineTune(corrections);
    const remembered = memoryAdapter(options)(corrections);
    return (outputs, features) => remembered(tuned(outputs, features), features);
  };

/**
 * The fine-tuned layer, fitted once per set of corrections however many memory options are tried
 * on it (`--tune`), and each drawing's tuned outputs worked out once per fit: the same drawings
 * (the same feature arrays, each read once with its outputs) with the same labels are the same fit.
 */
export function fineTuneOnce(): Adapter {
  const ids = new Map<Float32Array, number>();
  const idOf = (features: Float32Array) => {
    if (!ids.has(features)) ids.set(features, ids.size);
    return ids.get(features)!;
  };
  const fits = new Map<string, ReturnType<Adapter>>();
  return (corrections) => {
    const key = corrections.map((c) => `${idOf(c.features)}:${c.label}`).join(',');
    let fit = fits.get(key);
    if (!fit) {
      const tuned = fineTuneAdapter(corrections);
      const answers = new Map<Float32Array, Float32Array>();
      fit = (outputs, features) =>
        answers.get(features) ?? answers.set(features, tuned(outputs, features)).get(features)!;
      fits.set(key, fit);
    }
    return fit;
  };
}

export interface WriterErrors {
  readonly plain: number;
  readonly adapted: number;
}

/** The writer's test error without and with adapting to k corrections per digit. */
export function writerErrors(
  w: WriterReadings,
  k: number,
  adapter: Adapter,
  mislabelSeed?: number,
): WriterErrors {
  const { corrections, test } = splitCorrections(w.labels, k);
  const given = corrections.map((i) => w.labels[i]);
  const labels = mislabelSeed === undefined ? given : mislabel(given, MISLABELLED, mislabelSeed);
  const adapting = adapter(corrections.map((i, n) => ({ ...w.readings[i], label: labels[n] })));
  let plain = 0;
  let adapted = 0;
  for (const i of test) {
    const { outputs, features } = w.readings[i];
    if (topDigit(outputs) !== w.labels[i]) plain++;
    if (topDigit(adapting(outputs, features)) !== w.labels[i]) adapted++;
  }
  return { plain: plain / test.length, adapted: adapted / test.length };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export interface AdaptationFigures {
  readonly writers: string[];
  /** Per k: mean error over writers, without and with adapting; the mean of their ratio is not used. */
  readonly byK: { k: number; plain: number; adapted: number; ratio: number }[];
  readonly worstAtK3: { writer: string; accuracy: number };
  readonly madeWorse: { writer: string; k: number; plain: number; adapted: number }[];
  readonly mislabelledK3: { plain: number; adapted: number; ratio: number };
}

function mislabelledAt(writers: readonly WriterReadings[], k: number, adapter: Adapter) {
  const runs = MISLABEL_SEEDS.map((seed) => writers.map((w) => writerErrors(w, k, adapter, seed)));
  const plain = mean(runs.flat().map((e) => e.plain));
  const adapted = mean(runs.flat().map((e) => e.adapted));
  return { plain, adapted, ratio: adapted / plain };
}

export function figuresFor(writers: readonly WriterReadings[], adapter: Adapter): AdaptationFigures {
  const errors = KS.map((k) => ({ k, each: writers.map((w) => writerErrors(w, k, adapter)) }));
  const byK = errors.map(({ k, each }) => {
    const plain = mean(each.map((e) => e.plain));
    const adapted = mean(each.map((e) => e.adapted));
    return { k, plain, adapted, ratio: adapted / plain };
  });
  const atK3 = errors.find((e) => e.k === 3)!.each;
  const worst = atK3.reduce((w, e, i) => (e.adapted > atK3[w].adapted ? i : w), 0);
  const madeWorse = errors.flatMap(({ k, each }) =>
    each.flatMap((e, i) => (e.adapted > e.plain ? [{ writer: writers[i].writer, k, ...e }] : [])),
  );
  return {
    writers: writers.map((w) => w.writer),
    byK,
    worstAtK3: { writer: writers[worst].writer, accuracy: 1 - atK3[worst].adapted },
    madeWorse,
    mislabelledK3: mislabelledAt(writers, 3, adapter),
  };
}

interface AdaptationArgs {
  /** `--tune` sums its scores over every model given; the other modes read the first. */
  models: string[];
  penData: string;
  unipenData: string | null;
  tune: boolean;
  fineTune: boolean;
  json: string | null;
}

function parseAdaptationArgs(argv: string[]): AdaptationArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string', multiple: true, default: ['public/models/cnn'] },
      'pen-data': { type: 'string', default: '../shared/data/pendigits/digits-dev.json' },
      'unipen-data': { type: 'string', default: '../shared/data/unipen/digits-dev.json' },
      tune: { type: 'boolean', default: false },
      'fine-tune': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const unipen = values['unipen-data'];
  return {
    models: values.model,
    penData: values['pen-data'],
    unipenData: unipen === 'none' ? null : unipen,
    tune: values.tune,
    fineTune: values['fine-tune'],
    json: values.json ?? null,
  };
}

/** The writers a model learned from, as its metrics.json lists them; null for a list it does not keep. */
export interface TrainedWriters {
  readonly pen: readonly (number | string)[] | null;
  readonly unipen: readonly (number | string)[] | null;
}

export function trainedWritersOf(modelDir: string): TrainedWriters {
  const metrics = folderMetrics(modelDir);
  return { pen: metrics.penTrainWriters ?? null, unipen: metrics.unipenTrainWriters ?? null };
}

/**
 * Who a figure comes from. `test`: the test writers. `tune`: every writer that is not a test
 * writer and that this model did not learn from: the tuning writers, and the training writers a
 * `--train-writers` run left out. A model whose metrics do not list its training writers (older
 * ones, for UNIPEN) is taken to have learned from all of them.
 */
export function writerPicker(
  role: 'tune' | 'test',
  groupOf: (w: number | string) => WriterGroup,
  trained: readonly (number | string)[] | null,
) {
  if (role === 'test') return (w: number | string) => groupOf(w) === 'test';
  const learned = new Set((trained ?? []).map(String));
  return (w: number | string) =>
    groupOf(w) === 'tune' || (trained !== null && groupOf(w) === 'train' && !learned.has(String(w)));
}

/** Every usable writer of the role in both data sets, read through the model in `model`. */
async function readGroup(args: AdaptationArgs, model: string, role: 'tune' | 'test') {
  const trained = trainedWritersOf(model);
  const sets: [PenDigit[], (w: number | string) => boolean][] = [
    [await loadPenDigits(args.penData), writerPicker(role, penDigitsGroup, trained.pen)],
  ];
  if (args.unipenData)
    sets.push([await loadPenDigits(args.unipenData), writerPicker(role, unipenGroup, trained.unipen)]);
  const classifier = await nodeClassifier(model);
  try {
    const writers: WriterReadings[] = [];
    for (const [digits, picked] of sets)
      for (const [writer, samples] of writersOf(digits, picked))
        writers.push(await readWriter(classifier, writer, samples));
    return writers;
  } finally {
    classifier.dispose();
  }
}

/**
 * How options score on the tuning writers, lower better: the figures as errors, added up.
 * At k = 3 the mean error, the error with 10% of the labels wrong and the worst writer's error;
 * and, at every k, how much error adapting adds for the writers it makes worse (the issue asks
 * for none), so one drawing more wrong for one writer weighs what it is, no more.
 */
export const tuningScore = (f: AdaptationFigures) =>
  f.byK[1].adapted +
  f.mislabelledK3.adapted +
  (1 - f.worstAtK3.accuracy) +
  f.madeWorse.reduce((sum, w) => sum + (w.adapted - w.plain), 0);

/**
 * The grid `--tune` searches (stop 28's, 72 options; on both tuning models about 12 minutes on a
 * quiet machine, 23 beside other work): the weight a person's vote starts from once they have
 * drawn every digit twice, and the memory's other options. The weight before that (0.6), the
 * range leave-one-out may move it in (0.5 to 1) and a doubt of 0.5 were settled by stop 24's grid
 * and stop 28's comparisons (docs/experiments.md).
 */
export const TUNING_GRID = {
  taughtWeight: [0.7, 0.8, 0.9],
  neighbours: [5, 7],
  sharpness: [10, 20, 40],
  floor: [0, 0.3],
  doubt: [0.8, 1],
} as const;

/** Every option set of the grid: the page's defaults with each combination of the grid's values. */
function gridOptions(): AdaptOptions[] {
  const all: AdaptOptions[] = [];
  for (const taughtWeight of TUNING_GRID.taughtWeight)
    for (const neighbours of TUNING_GRID.neighbours)
      for (const sharpness of TUNING_GRID.sharpness)
        for (const floor of TUNING_GRID.floor)
          for (const doubt of TUNING_GRID.doubt)
            all.push({ ...ADAPT_DEFAULTS, taughtWeight, neighbours, sharpness, floor, doubt });
  return all;
}

/**
 * Every option of the grid, scored with the page's way of adapting on the tuning writers as each
 * model reads them (`perModel`), the scores summed: best first.
 */
function tune(perModel: readonly (readonly WriterReadings[])[]): { options: AdaptOptions; score: number }[] {
  const fineTune = fineTuneOnce();
  const scoreOf = (options: AdaptOptions) =>
    perModel.reduce(
      (sum, writers) => sum + tuningScore(figuresFor(writers, bothAdapter(options, fineTune))),
      0,
    );
  const tried = gridOptions().map((options, n) => {
    const score = scoreOf(options);
    if ((n + 1) % 12 === 0) console.error(`  ${n + 1} options scored`);
    return { options, score };
  });
  return tried.sort((a, b) => a.score - b.score);
}

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

function report(f: AdaptationFigures, log: (line: string) => void) {
  log(`writers (${f.writers.length}): ${f.writers.join(', ')}`);
  for (const { k, plain, adapted, ratio } of f.byK)
    log(`k=${k}: mean error ${pct(plain)} -> adapted ${pct(adapted)} (${ratio.toFixed(2)}x)`);
  log(`worst writer at k=3, adapted: ${f.worstAtK3.writer} ${pct(f.worstAtK3.accuracy)} right`);
  const worse = f.madeWorse.map((w) => `${w.writer} at k=${w.k} (${pct(w.plain)} -> ${pct(w.adapted)})`);
  log(`writers made worse at any k: ${worse.length === 0 ? 'none' : worse.join('; ')}`);
  const m = f.mislabelledK3;
  log(`k=3, 10% mislabelled: ${pct(m.plain)} -> ${pct(m.adapted)} (${m.ratio.toFixed(2)}x)`);
}

/** The page's memory, the fine-tuned output layer, and both, on the same writers. */
function compareAdapters(writers: readonly WriterReadings[]) {
  const adapters: [string, Adapter][] = [
    ['memory alone', memoryAdapter(ADAPT_DEFAULTS)],
    ['output layer fine-tuned alone', fineTuneAdapter],
    ['both (the page)', bothAdapter(ADAPT_DEFAULTS)],
  ];
  for (const [name, adapter] of adapters) {
    console.log(`\n${name}`);
    report(figuresFor(writers, adapter), (line) => console.log(`  ${line}`));
  }
}

/** `--tune`: the page's options and the grid's best, scored summed over the models' tuning writers. */
function reportTuning(perModel: readonly (readonly WriterReadings[])[]) {
  const writers = perModel[0];
  console.log(`tuning writers (${writers.length}): ${writers.map((w) => w.writer).join(', ')}`);
  const show = (options: AdaptOptions, indent: string) =>
    perModel.forEach((readings, m) => {
      console.log(
        `${indent}model ${m + 1}: score ${tuningScore(figuresFor(readings, bothAdapter(options))).toFixed(4)}`,
      );
      report(figuresFor(readings, bothAdapter(options)), (line) => console.log(`${indent}  ${line}`));
    });
  console.log(`the page's options ${JSON.stringify(ADAPT_DEFAULTS)}:`);
  show(ADAPT_DEFAULTS, '  ');
  console.log('the grid, best first (scores summed over the models):');
  const [best, ...next] = tune(perModel);
  console.log(`  ${JSON.stringify(best.options)} ${best.score.toFixed(4)}`);
  show(best.options, '    ');
  for (const { options, score } of next.slice(0, 9))
    console.log(`  ${JSON.stringify(options)} ${score.toFixed(4)}`);
}

async function main(): Promise<number> {
  const args = parseAdaptationArgs(process.argv.slice(2));
  const role = args.tune ? 'tune' : 'test';
  const perModel: WriterReadings[][] = [];
  for (const model of args.tune ? args.models : args.models.slice(0, 1))
    perModel.push(await readGroup(args, model, role));
  const writers = perModel[0];
  if (args.fineTune) compareAdapters(writers);
  else if (args.tune) reportTuning(perModel);
  else {
    const figures = figuresFor(writers, bothAdapter(ADAPT_DEFAULTS));
    console.log(
      `model ${args.models[0]}, the page's adapting (both), options ${JSON.stringify(ADAPT_DEFAULTS)}`,
    );
    report(figures, (line) => console.log(line));
    if (args.json) writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`test:adaptation: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
