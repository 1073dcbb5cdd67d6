import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelArtifacts, quantizeArtifacts, weightBytes } from '../../src/learning/artifacts';
import { createModel } from '../../src/learning/model';
import { readCatalog } from '../../src/model/catalog';
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

  it('refuses to overwrite a catalog it cannot read, naming it, and leaves it as it was', async () => {
    const models = mkdtempSync(join(tmpdir(), 'digitpad-catalog-'));
    writeFileSync(join(models, 'index.json'), '{"hand": "edited"');
    await writeModelAtomically(shipped, join(models, 'cnn'), metrics(0.5));
    expect(() => writeCatalogEntry(join(models, 'cnn'))).toThrow(/index\.json: cannot be updated/);
    expect(readFileSync(join(models, 'index.json'), 'utf8')).toBe('{"hand": "edited"');
  });
});
