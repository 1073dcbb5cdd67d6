/**
 * The training command's flags: one table that both the parser and `--help` read, so the usage
 * text cannot drift from what the command accepts.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { DataFileError } from './idx';
import { DEFAULT_MIRRORS } from './mnist';
import { ARCH_NAMES, ARCHITECTURES, DEFAULT_ARCH, isArchName, type ArchName } from '../src/learning/model';
import type { TrainOptions } from './train';

export class UsageError extends Error {}

/** Where a run looks when a flag is not given. */
export const TRAIN_DEFAULTS = {
  dataDir: 'data/mnist',
  arch: DEFAULT_ARCH,
  /** Where models go: `--out` defaults to the architecture's folder here. */
  modelsDir: 'public/models',
  epochs: 6,
  seed: 1,
  batchSize: 64,
  penData: 'data/pendigits/digits-dev.json',
  unipenData: 'data/unipen/digits-dev.json',
  lettersData: 'data/unipen/letters-dev.json',
  /** Generated non-digits an epoch, when the model learns "not a digit". */
  negatives: 4000,
  /**
   * MNIST images an epoch, a fresh half each epoch: six epochs still show the real pen digits and
   * the non-digits six times, at five eighths of the arithmetic (the 20-minute budget).
   */
  mnistPerEpoch: 30000,
  /** Visits of each real pen and UNIPEN training digit an epoch. */
  realRepeats: 1,
  maxWorkers: 4,
} as const;

export interface TrainFlag {
  readonly name: string;
  /** What the value is, for the usage line; none for a switch. */
  readonly value?: 'DIR' | 'FILE' | 'N' | 'NAME' | 'URL' | 'SHARE';
  readonly default: string;
  readonly meaning: string;
}

export const TRAIN_FLAGS: readonly TrainFlag[] = [
  {
    name: 'data-dir',
    value: 'DIR',
    default: TRAIN_DEFAULTS.dataDir,
    meaning:
      'the four MNIST IDX files (.gz or raw); missing ones are downloaded and checked against the canonical checksums',
  },
  {
    name: 'arch',
    value: 'NAME',
    default: TRAIN_DEFAULTS.arch,
    meaning: `the network: ${ARCH_NAMES.map((name) => `${name} (${ARCHITECTURES[name].summary})`).join('; ')}`,
  },
  {
    name: 'out',
    value: 'DIR',
    default: `${TRAIN_DEFAULTS.modelsDir}/ARCH`,
    meaning:
      "where the model goes, its folder's name the catalog id; replaced atomically, so a failed or interrupted run leaves the old one",
  },
  {
    name: 'epochs',
    value: 'N',
    default: String(TRAIN_DEFAULTS.epochs),
    meaning: 'passes over the training data',
  },
  {
    name: 'limit',
    value: 'N',
    default: 'all',
    meaning: 'train on the first N MNIST images only (quick runs); evaluation uses all 10,000 test images',
  },
  {
    name: 'seed',
    value: 'N',
    default: String(TRAIN_DEFAULTS.seed),
    meaning: 'seeds initialisation, shuffling and augmentation: same seed, same machine, same weights',
  },
  {
    name: 'pen-data',
    value: 'FILE',
    default: `${TRAIN_DEFAULTS.penData} if present`,
    meaning:
      "real pen digits (UCI pen digits JSON) mixed into training and evaluation; 'none' for MNIST alone",
  },
  {
    name: 'unipen-data',
    value: 'FILE',
    default: `${TRAIN_DEFAULTS.unipenData} if present`,
    meaning:
      "UNIPEN digits (pen-data JSON): 60% of writers trained on, 20% tune, 20% held out for the figure; 'none' to leave out",
  },
  {
    name: 'letters',
    value: 'FILE',
    default: `${TRAIN_DEFAULTS.lettersData} if present`,
    meaning:
      'UNIPEN letters, taught as "not a digit" (letters that look like digits are left out); \'none\' to leave out',
  },
  {
    name: 'negatives',
    value: 'N',
    default: String(TRAIN_DEFAULTS.negatives),
    meaning:
      'generated non-digits an epoch (scribbles, dots, lines, shapes, two digits, crossed out); 0 for none. With letters or negatives the model gets an 11th output, "not a digit"',
  },
  {
    name: 'mnist-per-epoch',
    value: 'N',
    default: String(TRAIN_DEFAULTS.mnistPerEpoch),
    meaning: 'MNIST training images an epoch, a fresh random choice each epoch (60000 for all)',
  },
  {
    name: 'real-repeats',
    value: 'N',
    default: String(TRAIN_DEFAULTS.realRepeats),
    meaning:
      'how many times an epoch visits each real pen and UNIPEN training digit, each visit drawn afresh',
  },
  {
    name: 'train-writers',
    value: 'SHARE',
    default: '1',
    meaning:
      'the share (0-1] of the pen and UNIPEN training writers learned from, chosen by a hash of their names; the others stay unseen without being test writers, for tuning the adaptation (npm run test:adaptation -- --tune)',
  },
  {
    name: 'batch-size',
    value: 'N',
    default: String(TRAIN_DEFAULTS.batchSize),
    meaning: 'images per training step',
  },
  {
    name: 'workers',
    value: 'N',
    default: `cores, at most ${TRAIN_DEFAULTS.maxWorkers}`,
    meaning: 'threads computing gradients',
  },
  {
    name: 'mirror',
    value: 'URL',
    default: 'none',
    meaning: 'a mirror to try first when downloading MNIST; may be given more than once',
  },
  { name: 'help', default: '', meaning: 'print this and exit' },
];

export function usageText(): string {
  const rows = TRAIN_FLAGS.map((flag) => [
    `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
    flag.default,
    flag.meaning,
  ]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const header = ['flag', 'default', 'meaning'];
  const line = (row: readonly string[]) =>
    `  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd();
  return [
    'usage: npm run train -- [flags]',
    '',
    'Trains the digit CNN on augmented MNIST (plus real pen digits when there are some),',
    'evaluates it and writes it where the app loads it from.',
    '',
    line(header),
    ...rows.map(line),
    '',
    'example: npm run train -- --data-dir ../shared/data/mnist --pen-data ../shared/data/pendigits/digits-dev.json \\\n    --unipen-data ../shared/data/unipen/digits-dev.json --letters ../shared/data/unipen/letters-dev.json',
  ].join('\n');
}

/** Levenshtein distance: the fewest one-letter edits from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The flag the person most likely meant, or null when none is close. */
export function nearestFlag(name: string): string | null {
  const scored = TRAIN_FLAGS.map((flag) => ({
    flag: flag.name,
    // A flag cut short (`--data`) is as good as a typo of one letter.
    distance: flag.name.startsWith(name) && name.length >= 3 ? 1 : editDistance(name, flag.name),
  })).sort((a, b) => a.distance - b.distance);
  const best = scored[0];
  return best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.flag : null;
}

function unknownFlag(name: string): UsageError {
  const nearest = nearestFlag(name);
  const hint = nearest ? `; did you mean --${nearest}?` : ' (npm run train -- --help lists the flags)';
  return new UsageError(`Unknown option '--${name}'${hint}`);
}

export const wantsHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('-h');

/**
 * Flags to their values. A value may follow its flag (`--epochs 3`) or be joined to it
 * (`--epochs=3`), and may start with a dash: `--epochs -1` is the value -1, which then fails as
 * a number would, rather than a second flag (node's parseArgs calls it "ambiguous").
 */
function readFlags(argv: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument '${arg}': flags start with --`);
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const flag = TRAIN_FLAGS.find((candidate) => candidate.name === name);
    if (flag === undefined) throw unknownFlag(name);
    if (flag.value === undefined) continue;
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value (${flag.value})`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 1)
    throw new UsageError(`--${flag} needs a positive whole number, got "${value}"`);
  return parsed;
}

function archName(value: string | undefined): ArchName {
  if (value === undefined) return TRAIN_DEFAULTS.arch;
  if (isArchName(value)) return value;
  throw new UsageError(`--arch must be one of ${ARCH_NAMES.join(', ')}; got "${value}"`);
}

/** A share in (0, 1]; all (1) when not given. */
function share(flag: string, value: string | undefined): number {
  if (value === undefined) return 1;
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0 && parsed <= 1))
    throw new UsageError(`--${flag} needs a share above 0 and at most 1 (0.5 for half), got "${value}"`);
  return parsed;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0)
    throw new UsageError(`--${flag} needs a whole number >= 0, got "${value}"`);
  return parsed;
}

export function parseTrainArgs(
  argv: readonly string[],
  exists: (path: string) => boolean = existsSync,
): TrainOptions {
  const flags = readFlags(argv);
  // The last of a repeated flag wins, as with most commands; --mirror keeps them all.
  const value = (name: string) => flags.get(name)?.at(-1);
  const fileOrNone = (flag: string, fallback: string) => {
    const file = value(flag) ?? (exists(fallback) ? fallback : 'none');
    return file === 'none' ? null : file;
  };
  const seedText = value('seed');
  const seed = seedText === undefined ? TRAIN_DEFAULTS.seed : Number(seedText);
  if (seedText?.trim() === '' || !Number.isInteger(seed) || seed < 0)
    throw new UsageError(`--seed needs a whole number >= 0, got "${seedText}"`);
  const limit = value('limit');
  const arch = archName(value('arch'));
  return {
    dataDir: value('data-dir') ?? TRAIN_DEFAULTS.dataDir,
    arch,
    out: value('out') ?? `${TRAIN_DEFAULTS.modelsDir}/${arch}`,
    epochs: positiveInteger('epochs', value('epochs'), TRAIN_DEFAULTS.epochs),
    limit: limit === undefined ? undefined : positiveInteger('limit', limit, 0),
    seed,
    batchSize: positiveInteger('batch-size', value('batch-size'), TRAIN_DEFAULTS.batchSize),
    workers: positiveInteger(
      'workers',
      value('workers'),
      Math.min(availableParallelism(), TRAIN_DEFAULTS.maxWorkers),
    ),
    penData: fileOrNone('pen-data', TRAIN_DEFAULTS.penData),
    unipenData: fileOrNone('unipen-data', TRAIN_DEFAULTS.unipenData),
    lettersData: fileOrNone('letters', TRAIN_DEFAULTS.lettersData),
    negatives: wholeNumber('negatives', value('negatives'), TRAIN_DEFAULTS.negatives),
    mnistPerEpoch: positiveInteger('mnist-per-epoch', value('mnist-per-epoch'), TRAIN_DEFAULTS.mnistPerEpoch),
    trainWriters: share('train-writers', value('train-writers')),
    realRepeats: positiveInteger('real-repeats', value('real-repeats'), TRAIN_DEFAULTS.realRepeats),
    mirrors: [...(flags.get('mirror') ?? []), ...DEFAULT_MIRRORS],
  };
}

/** Lines worth printing before a run starts: what it will leave out, so no column is a silent "-". */
export function trainNotes(options: Pick<TrainOptions, 'penData'>): string[] {
  return options.penData === null
    ? [
        `no pen data (no ${TRAIN_DEFAULTS.penData}, or --pen-data none): training and evaluating on MNIST alone; --pen-data FILE adds real pen digits`,
      ]
    : [];
}

/**
 * For a data file that is missing: where the files might be instead, on the same line as the
 * error. The tests and CI keep the data sets beside the project, in ../shared/data.
 */
export function missingDataHint(error: unknown, exists: (path: string) => boolean = existsSync): string {
  if (!(error instanceof DataFileError) || !/file not found|missing/.test(error.message)) return '';
  const here = dirname(error.file);
  const candidates = [process.env.MNIST_DIR, '../shared/data/mnist'].filter(
    (dir): dir is string => dir !== undefined && dir !== '' && dir !== here,
  );
  const found = candidates.find((dir) => exists(join(dir, 'train-images-idx3-ubyte.gz')));
  return found
    ? ` (the MNIST files are in ${found}: npm run train -- --data-dir ${found})`
    : ' (put the four MNIST .gz files there, or point --data-dir at the folder that holds them)';
}
