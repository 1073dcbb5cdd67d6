import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  missingDataHint,
  nearestFlag,
  parseTrainArgs,
  TRAIN_DEFAULTS,
  TRAIN_FLAGS,
  trainNotes,
  usageText,
  UsageError,
} from '../../training/cli';
import { DataFileError } from '../../training/idx';

const run = promisify(execFile);
const noFiles = () => false;

/** A value each kind of flag accepts. */
const SAMPLE = {
  DIR: 'some/dir',
  FILE: 'some/file.json',
  N: '3',
  NAME: 'dense',
  URL: 'https://example.org/mnist/',
  SHARE: '0.5',
};

describe('train --help', () => {
  it('lists every flag the parser accepts, with its default and meaning', () => {
    const usage = usageText();
    for (const flag of TRAIN_FLAGS) {
      const line = usage.split('\n').find((candidate) => candidate.trimStart().startsWith(`--${flag.name}`));
      expect(line, `--${flag.name}`).toBeDefined();
      expect(line).toContain(flag.default);
      expect(line).toContain(flag.meaning);
      if (flag.value !== undefined) {
        // And the parser takes it, both ways of giving the value.
        expect(() => parseTrainArgs([`--${flag.name}`, SAMPLE[flag.value!]], noFiles)).not.toThrow();
        expect(() => parseTrainArgs([`--${flag.name}=${SAMPLE[flag.value!]}`], noFiles)).not.toThrow();
      }
    }
  });

  it('prints the usage and exits 0 from the command line', async () => {
    const { stdout } = await run('npx', ['tsx', 'training/train.ts', '--help']);
    expect(stdout).toContain('usage: npm run train -- [flags]');
    expect(stdout).toMatch(
      new RegExp(`--epochs N\\s+${TRAIN_DEFAULTS.epochs}\\s+passes over the training data`),
    );
    expect(stdout).toMatch(/--data-dir DIR\s+data\/mnist/);
  });
});

describe('train flags', () => {
  it.each([
    [['--epochs', '0'], '--epochs needs a positive whole number, got "0"'],
    [['--epochs', '-1'], '--epochs needs a positive whole number, got "-1"'],
    [['--epochs=-1'], '--epochs needs a positive whole number, got "-1"'],
    [['--limit', '-5'], '--limit needs a positive whole number, got "-5"'],
    [['--seed', '-1'], '--seed needs a whole number >= 0, got "-1"'],
    [['--epochs', ''], '--epochs needs a positive whole number, got ""'],
    [['--epochs'], '--epochs needs a value (N)'],
    [['--epoch', '3'], "Unknown option '--epoch'; did you mean --epochs?"],
    [['--seeds', '3'], "Unknown option '--seeds'; did you mean --seed?"],
    [['--data', 'x'], "Unknown option '--data'; did you mean --data-dir?"],
    [['--batchsize', '8'], "Unknown option '--batchsize'; did you mean --batch-size?"],
    [['--frobnicate'], "Unknown option '--frobnicate' (npm run train -- --help lists the flags)"],
    [['epochs'], "Unexpected argument 'epochs': flags start with --"],
    [['--arch', 'resnet'], '--arch must be one of cnn, dense, cnn-large; got "resnet"'],
    [['--arch=CNN'], '--arch must be one of cnn, dense, cnn-large; got "CNN"'],
    [['--arch'], '--arch needs a value (NAME)'],
    [['--train-writers', '0'], '--train-writers needs a share above 0 and at most 1 (0.5 for half), got "0"'],
    [
      ['--train-writers', '50%'],
      '--train-writers needs a share above 0 and at most 1 (0.5 for half), got "50%"',
    ],
    [
      ['--train-writers', '1.5'],
      '--train-writers needs a share above 0 and at most 1 (0.5 for half), got "1.5"',
    ],
  ])('%j fails with a plain message', (argv, message) => {
    expect(() => parseTrainArgs(argv, noFiles)).toThrow(new UsageError(message));
  });

  it('learns from every training writer unless --train-writers says a share', () => {
    expect(parseTrainArgs([], noFiles).trainWriters).toBe(1);
    expect(parseTrainArgs(['--train-writers', '0.5'], noFiles).trainWriters).toBe(0.5);
  });

  it('reads values joined with = and apart alike, the last of a repeated flag winning', () => {
    expect(parseTrainArgs(['--epochs=2', '--seed', '0', '--epochs', '5'], noFiles)).toMatchObject({
      epochs: 5,
      seed: 0,
    });
    expect(parseTrainArgs(['--mirror', 'a/', '--mirror=b/'], noFiles).mirrors.slice(0, 2)).toEqual([
      'a/',
      'b/',
    ]);
  });

  it.each([
    ['epochs', 'epochs'],
    ['epohcs', 'epochs'],
    ['outt', 'out'],
    ['pen', 'pen-data'],
    ['xyz', null],
  ])('suggests --%s -> %s', (typed, expected) => {
    expect(nearestFlag(typed)).toBe(expected);
  });
});

describe('--arch', () => {
  it.each([
    [[], 'cnn', 'public/models/cnn'],
    [['--arch', 'dense'], 'dense', 'public/models/dense'],
    [['--arch=cnn-large'], 'cnn-large', 'public/models/cnn-large'],
    [['--arch', 'dense', '--out', 'elsewhere/baseline'], 'dense', 'elsewhere/baseline'],
  ])('%j builds %s into %s (the folder is the catalog id)', (argv, arch, out) => {
    expect(parseTrainArgs(argv, noFiles)).toMatchObject({ arch, out });
  });

  it('lists every architecture in --help', () => {
    const line = usageText()
      .split('\n')
      .find((candidate) => candidate.trimStart().startsWith('--arch'));
    for (const arch of ['cnn', 'dense', 'cnn-large']) expect(line).toContain(`${arch} (`);
  });

  it('exits 2 with a one-line reason naming the choices', async () => {
    const failure = run('npx', ['tsx', 'training/train.ts', '--arch', 'lenet']);
    await expect(failure).rejects.toMatchObject({
      code: 2,
      stderr: 'train: usage: --arch must be one of cnn, dense, cnn-large; got "lenet"\n',
    });
  });
});

describe('what a run says before and after', () => {
  it('says in one line that it runs without pen data', () => {
    const notes = trainNotes(parseTrainArgs([], noFiles));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^no pen data .*MNIST alone; --pen-data FILE adds real pen digits$/);
    expect(trainNotes(parseTrainArgs(['--pen-data', 'pen.json'], noFiles))).toEqual([]);
    expect(trainNotes(parseTrainArgs([], () => true))).toEqual([]);
  });

  it('names the --data-dir to use when the MNIST files are missing', () => {
    const missing = new DataFileError('data/mnist/train-images-idx3-ubyte.gz', 'file not found');
    const atShared = (path: string) => path.startsWith('../shared/data/mnist/');
    expect(missingDataHint(missing, atShared)).toBe(
      ' (the MNIST files are in ../shared/data/mnist: npm run train -- --data-dir ../shared/data/mnist)',
    );
    expect(missingDataHint(missing, noFiles)).toMatch(/point --data-dir at the folder that holds them/);
    expect(missingDataHint(new DataFileError('x.gz', 'md5 0 does not match'), atShared)).toBe('');
    expect(missingDataHint(new Error('other'), atShared)).toBe('');
  });
});
