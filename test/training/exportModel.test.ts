import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelArtifacts, quantizeArtifacts, weightBytes } from '../../src/learning/artifacts';
import { createModel } from '../../src/learning/model';
import { readCatalog } from '../../src/model/catalog';
import { rebuildCatalog } from '../../training/catalog';
import { writeCatalogEntry, writeModelAtomically } from '../../training/exportModel';

let shipped: tf.io.ModelArtifacts;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createModel({ seed: 1, filters: [2, 2, 2, 2] });
  shipped = quantizeArtifacts(await modelArtifacts(model));
  model.dispose();
});

const metrics = (testAccuracy: number) => ({
  testAccuracy,
  penAccuracy: null,
  params: 1000,
  weightBytes: weightBytes(shipped),
  createdAt: '2026-11-22T00:00:00.000Z',
});

const readIndex = (dir: string) => readCatalog(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));

describe('the catalog beside exported models', () => {
  it('lists each model written, with its files, size and figures; the first is the default', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.99));
    writeCatalogEntry(join(models, 'cnn'));
    await writeModelAtomically(shipped, join(models, 'small'), metrics(0.9));
    writeCatalogEntry(join(models, 'small'));

    const { catalog, problems } = readIndex(models);
    expect(problems).toEqual([]);
    expect(catalog.defaultModel).toBe('cnn');
    expect(catalog.models.map((m) => m.id)).toEqual(['cnn', 'small']);
    const [cnn] = catalog.models;
    expect(cnn).toMatchObject({
      modelUrl: 'cnn/model.json',
      files: ['cnn/model.json', 'cnn/group1-shard1of1.bin'],
      inputSize: 28,
      classes: 10,
      measured: { mnistTestAccuracy: 0.99, penAccuracy: null, params: 1000 },
    });
    const onDisk = ['model.json', 'group1-shard1of1.bin'].map(
      (f) => readFileSync(join(models, 'cnn', f)).length,
    );
    expect(cnn.bytes).toBe(onDisk[0] + onDisk[1]);
  });

  it('replaces the entry of a model written again', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.5));
    writeCatalogEntry(join(models, 'cnn'));
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.75));
    writeCatalogEntry(join(models, 'cnn'));
    const { catalog } = readIndex(models);
    expect(catalog.models.map((m) => m.measured.mnistTestAccuracy)).toEqual([0.75]);
  });

  it('updates one model and keeps every other entry as it was, even one the page cannot use', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.99));
    writeCatalogEntry(join(models, 'cnn'));
    const index = JSON.parse(readFileSync(join(models, 'index.json'), 'utf8'));
    const other = { id: 'other', name: 'Written by a later version', newField: [1, 2] };
    writeFileSync(join(models, 'index.json'), JSON.stringify({ ...index, models: [...index.models, other] }));

    await writeModelAtomically(shipped, join(models, 'dense'), metrics(0.9));
    writeCatalogEntry(join(models, 'dense'));
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.98));
    writeCatalogEntry(join(models, 'cnn'));

    const written = JSON.parse(readFileSync(join(models, 'index.json'), 'utf8'));
    expect(written.models.map((m: { id: string }) => m.id)).toEqual(['cnn', 'other', 'dense']);
    expect(written.models[1]).toEqual(other);
    expect(written.defaultModel).toBe('cnn');
    const { catalog, problems } = readIndex(models);
    expect(catalog.models.map((m) => [m.id, m.measured.mnistTestAccuracy])).toEqual([
      ['cnn', 0.98],
      ['dense', 0.9],
    ]);
    expect(problems).toEqual(['model "other" has an invalid modelUrl undefined']);
  });

  it('carries the held-out figures into the entry: accuracies, not-digit rates and ms per prediction', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    const heldOut = {
      pen: { notDigit: 0.004 },
      unipen: { notDigit: 0.011 },
      letters: { notDigit: 0.91 },
      generated: { notDigit: 0.94 },
    };
    const withRates = {
      ...metrics(0.99),
      penAccuracy: 0.98,
      unipenAccuracy: 0.97,
      outputs: 11,
      notDigit: { output: 10, threshold: 0.49 },
      heldOut,
      msPerPrediction: 1.5,
    };
    await writeModelAtomically(shipped, join(models, 'cnn'), withRates);
    expect(writeCatalogEntry(join(models, 'cnn')).measured).toEqual({
      mnistTestAccuracy: 0.99,
      penAccuracy: 0.98,
      unipenAccuracy: 0.97,
      penNotDigit: 0.004,
      unipenNotDigit: 0.011,
      lettersNotDigit: 0.91,
      generatedNotDigit: 0.94,
      params: 1000,
      weightBytes: weightBytes(shipped),
      msPerPrediction: 1.5,
    });
    // A ten-output model never answers "not a digit": its rates are not measured, not zero.
    await writeModelAtomically(shipped, join(models, 'plain'), { ...metrics(0.9), heldOut });
    expect(writeCatalogEntry(join(models, 'plain'), { msPerPrediction: 0.25 }).measured).toMatchObject({
      penNotDigit: null,
      lettersNotDigit: null,
      msPerPrediction: 0.25,
    });
  });

  it('npm run catalog times every model in one sitting and rewrites their entries', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    for (const id of ['cnn', 'dense']) await writeModelAtomically(shipped, join(models, id), metrics(0.9));
    const timed: string[] = [];
    const lines: string[] = [];
    const time = async (dir: string) => (timed.push(dir), dir.endsWith('cnn') ? 1.25 : 0.5);
    expect(await rebuildCatalog(models, time, (line) => lines.push(line))).toBe(2);
    expect(timed).toEqual([join(models, 'cnn'), join(models, 'dense')]);
    const { catalog } = readIndex(models);
    expect(catalog.models.map((m) => [m.id, m.measured.msPerPrediction])).toEqual([
      ['cnn', 1.25],
      ['dense', 0.5],
    ]);
    expect(lines[0]).toMatch(/^cnn: .* 1\.25 ms per prediction$/);
  });

  it('refuses to overwrite a catalog it cannot read, naming it, and leaves it as it was', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    writeFileSync(join(models, 'index.json'), '{"hand": "edited"');
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.5));
    expect(() => writeCatalogEntry(join(models, 'cnn'))).toThrow(/index\.json: cannot be updated/);
    expect(readFileSync(join(models, 'index.json'), 'utf8')).toBe('{"hand": "edited"');
  });
});
