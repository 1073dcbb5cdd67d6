/**
 * `npm run compare:errors -- --models DIR,DIR,... [--data-dir DIR] --pen-data FILE
 *                            [--unipen-data FILE] [--sheet FILE.png]`
 *
 * Reads the test writers' real digits (pen digits 25-30 and UNIPEN's test writers, drawn as
 * `npm run measure` draws them, at the middle pen width) through every model given, the first
 * being the reference (the default), and says where they fail together and apart: each model's
 * accuracy, their averaged answer, what at least one of them reads, the drawings all read wrong.
 * `--sheet` draws those last ones, as the models see them, with their label and answers, so a
 * person can judge whether they are readable at all.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { createCanvas } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MNIST_PIXELS, MNIST_SIZE, NUM_CLASSES } from '../src/digit';
import { predictOutputs, type LabelledInputs } from '../src/learning/evaluate';
import { readRow } from '../src/learning/openSet';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';
import { errorOverlap, type ErrorOverlap, type ModelReadings } from './errorOverlap';
import { readModelFolder } from './exportModel';
import { heldOutSets, penSetName } from './heldOut';
import { EVAL_PEN_RATIOS } from './pen';
import { loadTrainingSources } from './sources';

interface CompareOptions {
  models: string[];
  dataDir: string;
  penData: string;
  unipenData: string | null;
  sheet: string | null;
}

function parseCompareArgs(argv: string[]): CompareOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      models: { type: 'string' },
      'data-dir': { type: 'string', default: 'data/mnist' },
      'pen-data': { type: 'string' },
      'unipen-data': { type: 'string' },
      sheet: { type: 'string' },
    },
  });
  const models = (values.models ?? '').split(',').filter(Boolean);
  if (models.length < 2) throw new Error('--models needs two or more model folders, the reference first');
  if (!values['pen-data']) throw new Error('--pen-data FILE is needed: the test writers come from it');
  return {
    models,
    dataDir: values['data-dir'],
    penData: values['pen-data'],
    unipenData: values['unipen-data'] ?? null,
    sheet: values.sheet ?? null,
  };
}

/** The test writers' digits, both sources end to end, at the middle pen width. */
async function testDigits(options: CompareOptions): Promise<LabelledInputs> {
  const data = await loadTrainingSources({ ...options, lettersData: null, negatives: 0 });
  const sets = heldOutSets(data.mnist.test, data, false);
  const parts = (['pen', 'unipen'] as const)
    .map((source) => sets.get(penSetName(source, EVAL_PEN_RATIOS[1])))
    .filter((set) => set !== undefined);
  const inputs = new Float32Array(parts.reduce((n, p) => n + p.inputs.length, 0));
  parts.reduce((offset, p) => (inputs.set(p.inputs, offset), offset + p.inputs.length), 0);
  return { inputs, labels: parts.flatMap((p) => Array.from(p.labels)) };
}

async function readThrough(dir: string, digits: LabelledInputs): Promise<ModelReadings> {
  const model = await tfl.loadLayersModel(tf.io.fromMemory(readModelFolder(dir)));
  try {
    const { outputs, width } = await predictOutputs(model, digits.inputs, digits.labels.length);
    const rows = Array.from({ length: digits.labels.length }, (_, i) => readRow(outputs, width, i));
    const probabilities = rows.map((row) => {
      const ten = row.outputs.slice(0, NUM_CLASSES);
      const sum = ten.reduce((a, b) => a + b, 0);
      return ten.map((p) => p / sum);
    });
    return { name: basename(dir), digits: rows.map((row) => row.digit), probabilities };
  } finally {
    model.dispose();
  }
}

const CELL = 3 * MNIST_SIZE;
const CAPTION = 16;

/** The drawings in `which`, as the models see them (ink dark on white), each with "label: answers". */
function contactSheet(digits: LabelledInputs, models: readonly ModelReadings[], which: readonly number[]) {
  const columns = 10;
  const rows = Math.max(1, Math.ceil(which.length / columns));
  const canvas = createCanvas(columns * CELL, rows * (CELL + CAPTION));
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  which.forEach((row, n) => {
    const [x, y] = [(n % columns) * CELL, Math.floor(n / columns) * (CELL + CAPTION)];
    for (let p = 0; p < MNIST_PIXELS; p++) {
      const shade = Math.round(255 * (1 - digits.inputs[row * MNIST_PIXELS + p]));
      context.fillStyle = `rgb(${shade},${shade},${shade})`;
      context.fillRect(x + (p % MNIST_SIZE) * 3, y + Math.floor(p / MNIST_SIZE) * 3, 3, 3);
    }
    context.fillStyle = 'black';
    context.font = '12px sans-serif';
    context.fillText(
      `${digits.labels[row]}: ${models.map((m) => m.digits[row]).join(' ')}`,
      x + 4,
      y + CELL + 12,
    );
  });
  return canvas.toBuffer('image/png');
}

function report(figures: ErrorOverlap): void {
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  console.log(`${figures.count} real digits of the test writers (pen digits 25-30, UNIPEN test writers)`);
  for (const { name, accuracy } of figures.accuracy) console.log(`  ${name}: ${pct(accuracy)}`);
  console.log(`  mean of the models' probabilities: ${pct(figures.ensembleAccuracy)}`);
  console.log(`  right by at least one model: ${pct(figures.anyRightAccuracy)}`);
  console.log(
    `wrong by every model: ${figures.wrongByAll.length} (the same wrong digit: ${figures.sameWrongByAll.length}); ` +
      `the reference's errors another model reads right: ${figures.fixedByAnother.length}`,
  );
  for (const { name, fixes, breaks } of figures.againstReference)
    console.log(
      `  ${name} against ${figures.accuracy[0].name}: reads ${fixes} of its errors right, ${breaks} of its right answers wrong`,
    );
  const confusions = figures.confusions.map((c) => `${c.label} as ${c.read}: ${c.count}`).join(', ');
  console.log(`  wrong by every model, label as the reference's answer: ${confusions}`);
}

async function main(): Promise<number> {
  try {
    const options = parseCompareArgs(process.argv.slice(2));
    registerWasmConvGradients();
    await tf.setBackend('wasm');
    const digits = await testDigits(options);
    const models: ModelReadings[] = [];
    for (const dir of options.models) models.push(await readThrough(dir, digits));
    const figures = errorOverlap(Array.from(digits.labels), models);
    report(figures);
    if (options.sheet) {
      writeFileSync(options.sheet, contactSheet(digits, models, figures.wrongByAll));
      console.log(
        `drawings every model reads wrong: ${options.sheet} (label: ${models.map((m) => m.name).join(' ')})`,
      );
    }
    return 0;
  } catch (error) {
    console.error(`compare:errors: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
