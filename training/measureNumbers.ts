/**
 * `npm run measure:numbers -- --pen-data FILE --unipen-data FILE --model DIR [--count N]
 *                             [--fours N] [--seed N] [--writers test|tune] [--pad WxH]
 *                             [--options JSON] [--json FILE]`
 *
 * How well numbers are read, offline: numbers of 2 to 6 real digits, each by one writer neither
 * training nor tuning saw (`--writers test`, the default; `tune` is for adjusting the
 * segmentation without looking at the reported writers), composed on a pad (`composeNumber`)
 * and read as the page reads them, one model call per number. Reports the share of numbers with
 * the right count of digits, digit accuracy inside numbers against the same digits read alone,
 * 4-digit numbers read exactly right, and how often a single digit is split in two or more.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { PenSample } from '../src/digit';
import { ofGroup, penDigitsGroup, unipenGroup, type WriterGroup } from '../src/digit/writerSplit';
import { createRandom } from '../src/learning/random';
import {
  composeFromSamples,
  composeNumber,
  digitsByWriter,
  type ComposeOptions,
  type WriterDigits,
} from '../src/number/composeNumber';
import { readModelFolder } from './exportModel';
import {
  modelReader,
  numberFigures,
  readNumber,
  readNumbers,
  type ReadGroups,
  type ReadOptions,
} from './numbers';
import { loadPenDigits } from './pen';

interface NumbersOptions {
  readonly penData: string;
  readonly unipenData: string;
  readonly model: string;
  readonly count: number;
  readonly fours: number;
  readonly seed: number;
  readonly writers: WriterGroup;
  readonly pad: { width: number; height: number };
  readonly read: ReadOptions;
  readonly json: string | null;
}

function parsePad(text: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new Error(`--pad ${text}: expected WIDTHxHEIGHT in CSS px, e.g. 720x400`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

function parseNumbersArgs(argv: string[]): NumbersOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'pen-data': { type: 'string' },
      'unipen-data': { type: 'string' },
      model: { type: 'string', default: 'public/models/cnn' },
      count: { type: 'string', default: '1000' },
      fours: { type: 'string' },
      seed: { type: 'string', default: '1' },
      writers: { type: 'string', default: 'test' },
      pad: { type: 'string', default: '720x400' },
      options: { type: 'string', default: '{}' },
      json: { type: 'string' },
    },
  });
  if (!values['pen-data'] || !values['unipen-data'])
    throw new Error('--pen-data FILE and --unipen-data FILE are needed: the real digits numbers are made of');
  if (values.writers !== 'test' && values.writers !== 'tune')
    throw new Error(`--writers ${values.writers}: test (reported figures) or tune (adjusting)`);
  const count = Number(values.count);
  return {
    penData: values['pen-data'],
    unipenData: values['unipen-data'],
    model: values.model,
    count,
    fours: values.fours === undefined ? Math.ceil(count / 2) : Number(values.fours),
    seed: Number(values.seed),
    writers: values.writers,
    pad: parsePad(values.pad),
    read: JSON.parse(values.options) as ReadOptions,
    json: values.json ?? null,
  };
}

/** The chosen writers' digits of both sources. */
async function heldOutDigits(options: NumbersOptions): Promise<PenSample<number>[]> {
  const pen = ofGroup(await loadPenDigits(options.penData), penDigitsGroup, options.writers);
  const unipen = ofGroup(await loadPenDigits(options.unipenData), unipenGroup, options.writers);
  return [...pen, ...unipen];
}

/** Every single digit drawn alone on the pad: how many are split into two or more digits. */
async function singleFigures(
  samples: readonly PenSample<number>[],
  read: ReadGroups,
  options: NumbersOptions,
) {
  const random = createRandom(options.seed + 2);
  const compose: ComposeOptions = { pad: options.pad };
  let split = 0;
  let multiStroke = 0;
  let multiStrokeSplit = 0;
  for (const sample of samples) {
    const digit = composeFromSamples([sample], random, compose);
    const { groups } = await readNumber(digit.strokes, read, options.read);
    split += groups.length > 1 ? 1 : 0;
    if (sample.strokes.length > 1) {
      multiStroke++;
      multiStrokeSplit += groups.length > 1 ? 1 : 0;
    }
  }
  return { digits: samples.length, split: split / samples.length, multiStroke, multiStrokeSplit };
}

const composeSet = (pool: readonly WriterDigits[], count: number, seed: number, compose: ComposeOptions) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => composeNumber(pool, random, compose));
};

export async function measureNumbers(options: NumbersOptions) {
  await tf.setBackend('wasm');
  const samples = await heldOutDigits(options);
  const pool = digitsByWriter(samples);
  const model = await tfl.loadLayersModel(tf.io.fromMemory(readModelFolder(options.model)));
  try {
    const read = modelReader(model, Math.min(options.pad.width, options.pad.height));
    const numbers = composeSet(pool, options.count, options.seed, { pad: options.pad });
    const fours = composeSet(pool, options.fours, options.seed + 1, { pad: options.pad, digits: [4, 4] });
    return {
      writers: options.writers,
      writerCount: pool.length,
      numbers: numberFigures(await readNumbers(numbers, read, options.read)),
      fourDigits: numberFigures(await readNumbers(fours, read, options.read)),
      singles: await singleFigures(samples, read, options),
    };
  } finally {
    model.dispose();
  }
}

type Figures = Awaited<ReturnType<typeof measureNumbers>>;

function report(figures: Figures, say: (line: string) => void): void {
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const { numbers, fourDigits, singles } = figures;
  const gap = 100 * (numbers.digitAccuracyAlone - numbers.digitAccuracyInside);
  say(`${figures.writers} writers (${figures.writerCount}), ${numbers.numbers} numbers of 2-6 digits:`);
  say(`  right number of digits found: ${pct(numbers.rightCount)} (must reach 99.5%)`);
  say(
    `  digit accuracy inside numbers ${pct(numbers.digitAccuracyInside)} vs alone ${pct(numbers.digitAccuracyAlone)}: ${gap.toFixed(2)} points lower (at most 0.5)`,
  );
  say(`  numbers exactly right: ${pct(numbers.exactlyRight)}`);
  say(
    `  with a 4, 5 or 7 finished after the next digit: ${numbers.delayedStroke.numbers}, right count ${pct(numbers.delayedStroke.rightCount)}`,
  );
  say(
    `  batch rows per number: median ${numbers.batchRows.median}, 95th ${numbers.batchRows.p95}, max ${numbers.batchRows.max}; candidates at most ${numbers.candidates.max}`,
  );
  say(
    `${fourDigits.numbers} 4-digit numbers exactly right: ${pct(fourDigits.exactlyRight)} (must reach 93%); right count ${pct(fourDigits.rightCount)}; digits alone ${pct(fourDigits.digitAccuracyAlone)}`,
  );
  say(
    `single digits split into two or more: ${pct(singles.split)} of ${singles.digits} (at most 0.2%); multi-stroke ones: ${singles.multiStrokeSplit} of ${singles.multiStroke}`,
  );
}

async function main(): Promise<number> {
  try {
    const options = parseNumbersArgs(process.argv.slice(2));
    const figures = await measureNumbers(options);
    report(figures, (line) => console.log(line));
    if (options.json) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  } catch (error) {
    console.error(`measure:numbers: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
