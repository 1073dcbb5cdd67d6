import { describe, expect, it, vi } from 'vitest';
import {
  CATALOG_FORMAT,
  CatalogError,
  readCatalog,
  withEntry,
  type CatalogEntry,
} from '../../src/model/catalog';
import { ModelError } from '../../src/model/errors';
import { createModelLibrary, modelOutputs } from '../../src/model/modelSource';
import { createTfRuntime } from '../../src/model/runtime';

const entry = (overrides: Partial<Record<keyof CatalogEntry, unknown>> = {}): Record<string, unknown> => ({
  id: 'cnn',
  name: 'CNN',
  modelUrl: 'cnn/model.json',
  files: ['cnn/model.json', 'cnn/group1-shard1of1.bin'],
  bytes: 57243,
  inputSize: 28,
  classes: 10,
  measured: { mnistTestAccuracy: 0.9956, penAccuracy: 0.98, params: 52154, weightBytes: 52154 },
  createdAt: '2026-11-21T09:56:58.831Z',
  ...overrides,
});

/** An entry's figures as training writes them now, every optional figure present. */
const figures = {
  mnistTestAccuracy: 0.994,
  penAccuracy: 0.98,
  unipenAccuracy: 0.978,
  penNotDigit: 0.0036,
  unipenNotDigit: 0.0107,
  lettersNotDigit: 0.906,
  generatedNotDigit: 0.9445,
  params: 52731,
  weightBytes: 52731,
  msPerPrediction: 1.2,
};

const catalog = (models: unknown[], defaultModel = 'cnn') => ({
  format: CATALOG_FORMAT,
  version: 1,
  defaultModel,
  models,
});

describe('reading the catalog', () => {
  it('accepts a well-formed catalog as it is', () => {
    const { catalog: read, problems } = readCatalog(
      catalog([entry(), entry({ id: 'dense', modelUrl: 'dense/model.json', files: ['dense/model.json'] })]),
    );
    expect(problems).toEqual([]);
    expect(read.defaultModel).toBe('cnn');
    expect(read.models.map((m) => m.id)).toEqual(['cnn', 'dense']);
  });

  it.each([
    ['an id with a slash', { id: 'a/b' }, 'invalid id'],
    ['no name', { name: '' }, 'has no name'],
    ['a URL outside the folder', { modelUrl: '../x/model.json' }, 'invalid modelUrl'],
    ['an absolute URL', { modelUrl: 'https://example.com/model.json' }, 'invalid modelUrl'],
    [
      'files not starting with model.json',
      { files: ['cnn/group1-shard1of1.bin'] },
      'lists its files wrongly',
    ],
    ['no size', { bytes: 0 }, 'no byte size'],
    ['a 32x32 input', { inputSize: 32 }, 'takes 32x32 input, the page makes 28x28'],
    ['26 classes', { classes: 26 }, 'has 26 digit classes, the page needs 10'],
    ['no figures', { measured: null }, 'no measured figures'],
    [
      'an accuracy over 1',
      { measured: { mnistTestAccuracy: 99.5, penAccuracy: null, params: 1, weightBytes: 1 } },
      'no MNIST test accuracy',
    ],
    [
      'a letters rate in percent',
      { measured: { ...figures, lettersNotDigit: 90.6 } },
      'has an invalid lettersNotDigit 90.6 (not 0..1)',
    ],
    [
      'a UNIPEN accuracy as text',
      { measured: { ...figures, unipenAccuracy: '0.97' } },
      'has an invalid unipenAccuracy "0.97"',
    ],
    [
      'a negative time per prediction',
      { measured: { ...figures, msPerPrediction: -1 } },
      'has an invalid msPerPrediction -1',
    ],
  ])('leaves out an entry with %s, says why, and keeps the others', (_what, overrides, problem) => {
    const bad = entry({ ...overrides, id: 'id' in overrides ? overrides.id : 'bad' });
    const { catalog: read, problems } = readCatalog(catalog([bad, entry()]));
    expect(read.models.map((m) => m.id)).toEqual(['cnn']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('takes every figure of a current entry, and null where a model cannot say "not a digit"', () => {
    const dense = entry({
      id: 'dense',
      modelUrl: 'dense/model.json',
      files: ['dense/model.json'],
      measured: { ...figures, lettersNotDigit: null, generatedNotDigit: null, msPerPrediction: null },
    });
    const { catalog: read, problems } = readCatalog(catalog([entry({ measured: figures }), dense]));
    expect(problems).toEqual([]);
    expect(read.models.map((m) => m.measured)).toEqual([figures, dense.measured]);
  });

  it('checks each entry on its own: a bad default leaves the others usable, and says which and why', () => {
    const models = [
      entry({ measured: { ...figures, generatedNotDigit: 2 } }),
      entry({ id: 'dense', modelUrl: 'dense/model.json', files: ['dense/model.json'] }),
      entry({ id: 'cnn-large', modelUrl: 'cnn-large/model.json', files: ['cnn-large/model.json'] }),
    ];
    const { catalog: read, problems } = readCatalog(catalog(models));
    expect(read.models.map((m) => m.id)).toEqual(['dense', 'cnn-large']);
    expect(read.defaultModel).toBe('dense');
    expect(problems).toEqual([
      'model "cnn" has an invalid generatedNotDigit 2 (not 0..1)',
      'default model "cnn" is not usable; using "dense"',
    ]);
  });

  it('falls back to the first usable model when the default is not usable, and says so', () => {
    const { catalog: read, problems } = readCatalog(catalog([entry()], 'missing'));
    expect(read.defaultModel).toBe('cnn');
    expect(problems).toEqual(['default model "missing" is not usable; using "cnn"']);
  });

  it('reports a model listed twice', () => {
    expect(readCatalog(catalog([entry(), entry()])).problems).toEqual(['model "cnn" is listed twice']);
  });

  it.each([
    ['not an object', [], 'not a digitpad model catalog'],
    ['another version', { ...catalog([entry()]), version: 2 }, 'version 2'],
    ['no models', { ...catalog([]), models: 'none' }, 'no list of models'],
    [
      'no usable model',
      catalog([entry({ classes: 3 })]),
      'lists no model this page can use (model "cnn" has 3 digit classes',
    ],
  ])('rejects a catalog that is %s', (_what, json, message) => {
    expect(() => readCatalog(json)).toThrow(CatalogError);
    expect(() => readCatalog(json)).toThrow(message);
  });
});

describe('writing the catalog', () => {
  it('adds a new entry, replaces one of the same id, and keeps the order and the default', () => {
    const first = withEntry(null, entry() as unknown as CatalogEntry);
    expect(first.defaultModel).toBe('cnn');
    const dense = entry({
      id: 'dense',
      modelUrl: 'dense/model.json',
      files: ['dense/model.json'],
    }) as unknown as CatalogEntry;
    const two = withEntry(first, dense);
    expect(two.models.map((m) => (m as CatalogEntry).id)).toEqual(['cnn', 'dense']);
    expect(two.defaultModel).toBe('cnn');
    const renamed = withEntry(two, { ...(entry() as unknown as CatalogEntry), name: 'Renamed' });
    expect(renamed.models.map((m) => (m as CatalogEntry).name)).toEqual(['Renamed', 'CNN']);
    expect(readCatalog(JSON.parse(JSON.stringify(renamed))).problems).toEqual([]);
  });

  it('keeps every other entry exactly as it was, even one this page cannot read', () => {
    const future = { id: 'future', format: 'a later kind of entry' };
    const odd = entry({ id: 'odd', classes: 26 });
    const written = withEntry(
      { ...catalog([future, entry(), odd]), version: 1 } as Parameters<typeof withEntry>[0],
      entry({
        id: 'dense',
        modelUrl: 'dense/model.json',
        files: ['dense/model.json'],
      }) as unknown as CatalogEntry,
    );
    expect(written.models).toEqual([
      future,
      entry(),
      odd,
      entry({ id: 'dense', modelUrl: 'dense/model.json', files: ['dense/model.json'] }),
    ]);
    expect(written.defaultModel).toBe('cnn');
  });

  it('replaces a model listed twice by one entry, where the first was', () => {
    const dense = entry({ id: 'dense', modelUrl: 'dense/model.json', files: ['dense/model.json'] });
    const written = withEntry(
      catalog([entry({ name: 'old' }), dense, entry({ name: 'older' })]) as Parameters<typeof withEntry>[0],
      entry({ name: 'new' }) as unknown as CatalogEntry,
    );
    expect(written.models.map((m) => (m as CatalogEntry).name)).toEqual(['new', 'CNN']);
  });
});

describe('the model library', () => {
  const BASE = 'http://digitpad.test/app/models/';

  it('fetches the catalog once, and a model source fetches model.json relative to it', async () => {
    const fetchFile = vi.fn(async (url: string) =>
      url.endsWith('index.json')
        ? new Response(JSON.stringify(catalog([entry()])))
        : new Response('', { status: 404 }),
    );
    const library = createModelLibrary(BASE, fetchFile);
    const [a, b] = await Promise.all([library.catalog(), library.catalog()]);
    expect(a).toBe(b);
    expect(fetchFile).toHaveBeenCalledTimes(1);
    await expect(library.sourceFor(a.catalog.models[0])()).rejects.toThrow(
      'app/models/cnn/model.json returned 404',
    );
  });

  it.each([
    [entry(), { count: 10, notDigit: null }],
    [entry({ outputs: 10 }), { count: 10, notDigit: null }],
    [
      entry({ outputs: 11, notDigit: { output: 10, threshold: 0.35 } }),
      { count: 11, notDigit: { output: 10, threshold: 0.35 } },
    ],
  ])('gives a model source the outputs its entry describes (%#)', (json, outputs) => {
    const { catalog: read } = readCatalog(catalog([json]));
    expect(modelOutputs(read.models[0])).toEqual(outputs);
  });

  it.each([
    [
      'missing',
      () => new Response('', { status: 404 }),
      'Could not load the list of models: app/models/index.json returned 404',
    ],
    ['not JSON', () => new Response('<html>'), 'app/models/index.json is not valid JSON'],
    ['of another format', () => new Response('{}'), 'app/models/index.json is not a digitpad model catalog'],
  ])('names a catalog that is %s, and fetches it again on the next try', async (_what, answer, message) => {
    const fetchFile = vi.fn(async () => answer());
    const library = createModelLibrary(BASE, fetchFile);
    const failure = await library.catalog().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect((failure as ModelError).message).toContain(message);
    await library.catalog().catch(() => undefined);
    expect(fetchFile).toHaveBeenCalledTimes(2);
  });
});

describe('the tfjs runtime', () => {
  it('runs tasks one at a time, in the order given, even when one fails', async () => {
    const runtime = createTfRuntime();
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`${name} ends`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      runtime.exclusively(task('a')),
      runtime.exclusively(task('b', true)),
      runtime.exclusively(task('c')),
    ]);
    expect(events).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
