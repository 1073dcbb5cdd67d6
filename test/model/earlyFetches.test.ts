import { describe, expect, it, vi } from 'vitest';
import { earlyFetchPaths, earlyFetchScript } from '../../build/earlyFetchPlugin';
import { withEarlyFetches, type EarlyFetches } from '../../src/model/earlyFetches';

const PAGE = 'https://example.github.io/digitpad/';

describe('withEarlyFetches', () => {
  it('hands a request the HTML started to the first asker only; everything else goes to the server', async () => {
    const early = new Response('{"early": true}');
    const fetchFile = vi.fn(async () => new Response('{"late": true}'));
    const fetches: EarlyFetches = new Map([[`${PAGE}models/index.json`, Promise.resolve(early)]]);
    const fetchWith = withEarlyFetches(fetchFile, fetches);

    expect(await fetchWith(`${PAGE}models/index.json`, { cache: 'no-cache' })).toBe(early);
    expect(fetchFile).not.toHaveBeenCalled();
    // A retry asks again.
    expect(await (await fetchWith(`${PAGE}models/index.json`)).json()).toEqual({ late: true });
    await fetchWith(`${PAGE}models/cnn/model.json`, { cache: 'no-cache' });
    expect(fetchFile.mock.calls).toEqual([
      [`${PAGE}models/index.json`, undefined],
      [`${PAGE}models/cnn/model.json`, { cache: 'no-cache' }],
    ]);
  });

  it('hands on a request that failed, for the page to explain', async () => {
    const failed = Promise.reject(new TypeError('Failed to fetch'));
    failed.catch(() => undefined);
    const fetchWith = withEarlyFetches(vi.fn(), new Map([[`${PAGE}models/index.json`, failed]]));
    await expect(fetchWith(`${PAGE}models/index.json`)).rejects.toThrow('Failed to fetch');
  });

  it('is plain `fetchFile` on a page whose HTML started nothing', async () => {
    const fetchFile = vi.fn(async () => new Response('late'));
    await withEarlyFetches(fetchFile, undefined)(`${PAGE}models/index.json`);
    expect(fetchFile).toHaveBeenCalledTimes(1);
  });
});

describe('the early requests in index.html', () => {
  const catalog = (defaultModel: string) => ({
    format: 'digitpad-model-catalog',
    version: 1,
    defaultModel,
    models: ['cnn', 'wide'].map((id) => ({
      id,
      name: id,
      modelUrl: `${id}/model.json`,
      files: [`${id}/model.json`, `${id}/group1-shard1of1.bin`],
      bytes: 1000,
      inputSize: 28,
      classes: 10,
      measured: { mnistTestAccuracy: 0.99, penAccuracy: null, params: 10, weightBytes: 10 },
      createdAt: '2026-01-01T00:00:00.000Z',
    })),
  });

  it("are the catalog and the default model's model.json, not its weights", () => {
    expect(earlyFetchPaths(catalog('wide'))).toEqual(['models/index.json', 'models/wide/model.json']);
  });

  it('start when the script runs, revalidated, keyed by absolute URL under any sub-path', () => {
    const started: [string, RequestInit][] = [];
    const window: { __digitpadEarly?: EarlyFetches } = {};
    const fetch = (path: string, init: RequestInit) => {
      started.push([path, init]);
      return Promise.resolve(new Response(path));
    };
    new Function('window', 'fetch', 'document', earlyFetchScript(earlyFetchPaths(catalog('cnn'))))(
      window,
      fetch,
      { baseURI: PAGE },
    );
    expect(started).toEqual([
      ['models/index.json', { cache: 'no-cache' }],
      ['models/cnn/model.json', { cache: 'no-cache' }],
    ]);
    expect([...(window.__digitpadEarly?.keys() ?? [])]).toEqual([
      `${PAGE}models/index.json`,
      `${PAGE}models/cnn/model.json`,
    ]);
  });
});
