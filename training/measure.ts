/**
 * `npm run measure -- --model DIR [--data-dir DIR] [--pen-data FILE] [--unipen-data FILE]
 *                     [--letters FILE] [--json FILE] [--choose-threshold]`
 *
 * Measures a model already exported (the committed one, an older one, another architecture) on
 * exactly the held-out sets `npm run train` reports: MNIST's test set, the test writers' pen and
 * UNIPEN digits, their letters, generated non-digits, digits drawn small and big. A model with a
 * "not a digit" output is read at the threshold its metrics.json stores; a ten-output model never
 * says "not a digit", so its figures are what the page said before it could. `--choose-threshold`
 * chooses the threshold again on the tuning writers by today's rule (`chooseThreshold`), as a
 * training run would, and reports it and the figures at it: how a model trained under an
 * earlier rule is brought up to date.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { registerWasmConvGradients } from '../src/learning/wasmConvGradients';
import { readModelFolder } from './exportModel';
import { heldOutSets, measureHeldOut, type HeldOutFigures } from './heldOut';
import { loadTrainingSources } from './sources';
import { reportHeldOut } from './train';

interface MeasureOptions {
  model: string;
  dataDir: string;
  penData: string | null;
  unipenData: string | null;
  lettersData: string | null;
  json: string | null;
  chooseThreshold: boolean;
}

function parseMeasureArgs(argv: string[]): MeasureOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      'data-dir': { type: 'string', default: 'data/mnist' },
      'pen-data': { type: 'string' },
      'unipen-data': { type: 'string' },
      letters: { type: 'string' },
      json: { type: 'string' },
      'choose-threshold': { type: 'boolean', default: false },
    },
  });
  if (!values.model) throw new Error('--model DIR is needed: the folder holding model.json');
  return {
    model: values.model,
    dataDir: values['data-dir'],
    penData: values['pen-data'] ?? null,
    unipenData: values['unipen-data'] ?? null,
    lettersData: values.letters ?? null,
    json: values.json ?? null,
    chooseThreshold: values['choose-threshold'],
  };
}

/** The threshold the model was shipped with; a model without a "not a digit" output has none. */
function storedThreshold(modelDir: string): number {
  const metrics = JSON.parse(readFileSync(join(modelDir, 'metrics.json'), 'utf8')) as {
    notDigit?: { threshold: number } | null;
  };
  return metrics.notDigit?.threshold ?? Infinity;
}

export async function measure(options: MeasureOptions): Promise<HeldOutFigures> {
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  const data = await loadTrainingSources({ ...options, negatives: 0 });
  const model = await tfl.loadLayersModel(tf.io.fromMemory(readModelFolder(options.model)));
  try {
    // A ten-output model never says "not a digit": there is no threshold to choose again.
    const stored = storedThreshold(options.model);
    const threshold = options.chooseThreshold && Number.isFinite(stored) ? null : stored;
    return await measureHeldOut(model, heldOutSets(data.mnist.test, data), threshold);
  } finally {
    model.dispose();
  }
}

async function main(): Promise<number> {
  try {
    const options = parseMeasureArgs(process.argv.slice(2));
    const figures = await measure(options);
    const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
    console.log(`model ${options.model}: MNIST test ${pct(figures.mnist.accuracy)}`);
    if (figures.pen) console.log(`pen digits, writers 25-30: ${pct(figures.pen.accuracy)}`);
    reportHeldOut((line) => console.log(line), figures);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  } catch (error) {
    console.error(`measure: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
