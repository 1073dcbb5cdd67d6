import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluation, predictClasses } from '../../src/learning/evaluate';
import { readModelFolder } from '../../training/exportModel';
import { loadMnist } from '../../training/mnist';
import { parseTrainArgs } from '../../training/cli';
import { readCatalog } from '../../src/model/catalog';
import { train, type TrainOptions } from '../../training/train';
import { dataSetPath } from '../dataSets';
import { writeSyntheticMnist } from './fixtures';

const run = promisify(execFile);
const COMMITTED_CATALOG = readFileSync(join(__dirname, '../../public/models/index.json'), 'utf8');

function options(dataDir: string, out: string, extra: Partial<TrainOptions> = {}): TrainOptions {
  return {
    dataDir,
    out,
    epochs: 3,
    seed: 3,
    batchSize: 32,
    workers: 2,
    penData: null,
    mirrors: [],
    verifyChecksums: false,
    log: () => {},
    ...extra,
  };
}

describe('training end to end (synthetic data)', () => {
  const dataDir = writeSyntheticMnist(600, 200);

  it('learns well above chance and exports a model that loads back with identical predictions', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'digitpad-out-')), 'cnn');
    const metrics = await train(options(dataDir, out));
    expect(metrics.testAccuracy).toBeGreaterThan(0.6);

    const saved = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    for (const key of [
      'testAccuracy',
      'confusion',
      'params',
      'weightBytes',
      'epochs',
      'trainSeconds',
      'samplesPerSecond',
      'seed',
      'tfjsVersion',
      'createdAt',
    ]) {
      expect(saved).toHaveProperty(key);
    }
    expect(saved.recipe).toEqual({
      mnistPerEpoch: null,
      realRepeats: 1,
      trainWriters: 1,
      negatives: 0,
      limit: null,
      workers: 2,
    });
    expect(saved.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(200);

    const model = await tfl.loadLayersModel(tf.io.fromMemory(readModelFolder(out)));
    expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    const { test } = await loadMnist(dataDir, { verifyChecksums: false });
    const inputs = Float32Array.from(test.images.pixels, (v) => v / 255);
    const reloaded = evaluation(await predictClasses(model, inputs, test.images.count), test.labels.labels);
    expect(reloaded.confusion).toEqual(saved.confusion);
    model.dispose();
  });

  it('gives the same weights for the same seed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'digitpad-seed-'));
    await train(options(dataDir, join(root, 'a'), { epochs: 1, limit: 200 }));
    await train(options(dataDir, join(root, 'b'), { epochs: 1, limit: 200 }));
    const weights = (name: string) => readFileSync(join(root, name, 'group1-shard1of1.bin'));
    expect(weights('a').equals(weights('b'))).toBe(true);
  });

  it('with negatives, exports an eleventh "not a digit" output and a catalog entry with its threshold', async () => {
    const root = mkdtempSync(join(tmpdir(), 'digitpad-negatives-'));
    const metrics = await train(options(dataDir, join(root, 'cnn'), { epochs: 1, negatives: 100 }));
    const model = await tfl.loadLayersModel(tf.io.fromMemory(readModelFolder(join(root, 'cnn'))));
    expect(model.outputs[0].shape).toEqual([null, 11]);
    model.dispose();
    const [entry] = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')).models;
    expect(entry).toMatchObject({
      outputs: 11,
      notDigit: { output: 10, threshold: metrics.heldOut.threshold },
    });
    expect(entry.notDigit.threshold).toBeGreaterThan(0);
    expect(entry.notDigit.threshold).toBeLessThanOrEqual(1);
    expect(metrics.recipe).toMatchObject({ negatives: 100, mnistPerEpoch: null });
    // Generated non-digits of a seed training never saw are measured, kind by kind.
    expect(metrics.heldOut.generated?.count).toBe(2000);
    expect(Object.keys(metrics.heldOut.generated?.byKind ?? {})).toHaveLength(10);
    // It also draws and reads 2,000 generated non-digits: slower than the other runs here.
  }, 180_000);

  it('leaves the previous model and catalog untouched when interrupted', async () => {
    const root = mkdtempSync(join(tmpdir(), 'digitpad-keep-'));
    const out = join(root, 'cnn');
    mkdirSync(out);
    writeFileSync(join(out, 'model.json'), '{"previous": true}');
    writeFileSync(join(root, 'index.json'), COMMITTED_CATALOG);
    let batches = 0;
    await expect(train(options(dataDir, out, { shouldStop: () => ++batches > 3 }))).rejects.toThrow(
      /interrupted/,
    );
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe('{"previous": true}');
    expect(readFileSync(join(root, 'index.json'), 'utf8')).toBe(COMMITTED_CATALOG);
  });

  it('--arch dense writes its own model and adds its entry beside the others, timed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'digitpad-arch-'));
    writeFileSync(join(root, 'index.json'), COMMITTED_CATALOG);
    const metrics = await train(options(dataDir, join(root, 'dense'), { arch: 'dense', epochs: 1 }));
    expect(metrics).toMatchObject({ arch: 'dense', name: 'Dense 784-512-512', params: 669706 });
    expect(metrics.latency).toMatchObject({ backend: 'wasm', runs: 300 });
    const { catalog, problems } = readCatalog(JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')));
    expect(problems).toEqual([]);
    expect(catalog.defaultModel).toBe('cnn');
    // Replaced where it stood when the catalog lists it already, else added at the end.
    const committed = JSON.parse(COMMITTED_CATALOG).models.map((m: { id: string }) => m.id) as string[];
    expect(catalog.models.map((m) => m.id)).toEqual(
      committed.includes('dense') ? committed : [...committed, 'dense'],
    );
    const dense = catalog.models.find((m) => m.id === 'dense')!;
    expect(dense.createdAt).not.toBe(
      JSON.parse(COMMITTED_CATALOG).models.find((m: { id: string }) => m.id === 'dense')?.createdAt,
    );
    expect(dense.measured.msPerPrediction).toBe(metrics.msPerPrediction);
    expect(dense.measured.msPerPrediction).toBeGreaterThan(0);
  }, 120_000);
});

describe('the train command', () => {
  it.each([
    [['--epochs', 'two'], /--epochs needs a positive whole number, got "two"/],
    [['--limit', '0'], /--limit needs a positive whole number/],
    [['--seed=-1'], /--seed needs a whole number >= 0/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });

  it('has the documented defaults', () => {
    expect(parseTrainArgs([], () => false)).toMatchObject({
      dataDir: 'data/mnist',
      arch: 'cnn',
      out: 'public/models/cnn',
      seed: 1,
      epochs: 6,
      penData: null,
      unipenData: null,
      lettersData: null,
      negatives: 4000,
    });
  });

  it('exits non-zero with one line naming a corrupt data file (needs ../shared/data/mnist)', async () => {
    // The real files where they are, but one of them corrupt: the command checks checksums.
    const dataDir = mkdtempSync(join(tmpdir(), 'digitpad-corrupt-'));
    for (const file of [
      'train-images-idx3-ubyte.gz',
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]) {
      symlinkSync(join(dataSetPath('mnist'), file), join(dataDir, file));
    }
    writeFileSync(join(dataDir, 'train-labels-idx1-ubyte.gz'), 'not gzip, not idx');
    const result = await run('npx', [
      'tsx',
      'training/train.ts',
      '--data-dir',
      dataDir,
      '--out',
      join(dataDir, 'out'),
    ]).catch((error) => error);
    expect(result.code).toBe(1);
    const lines = String(result.stderr)
      .trim()
      .split('\n')
      .filter((l) => !l.includes('npm warn'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^train: .*train-labels-idx1-ubyte.gz: md5 [0-9a-f]+ does not match the canonical a25bea73/,
      ),
    ]);
  });
});
