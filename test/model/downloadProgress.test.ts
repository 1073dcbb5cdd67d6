import { describe, expect, it } from 'vitest';
import {
  createDownloadTracker,
  decodedLength,
  describeProgress,
  sumProgress,
} from '../../src/model/downloadProgress';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('decodedLength', () => {
  it.each([
    [{ 'Content-Length': '1200' }, 1200],
    [{ 'Content-Length': '1200', 'Content-Encoding': 'identity' }, 1200],
    // Compressed: the length counts wire bytes, not what the body stream yields.
    [{ 'Content-Length': '300', 'Content-Encoding': 'gzip' }, null],
    [{}, null],
    [{ 'Content-Length': 'lots' }, null],
  ])('%o -> %s', (entries, expected) => {
    expect(decodedLength(headers(entries))).toBe(expected);
  });
});

describe('sumProgress', () => {
  it('adds bytes; one unknown size makes the total unknown', () => {
    expect(sumProgress([])).toEqual({ loaded: 0, total: 0 });
    expect(
      sumProgress([
        { loaded: 5, total: 10 },
        { loaded: 1, total: 4 },
      ]),
    ).toEqual({ loaded: 6, total: 14 });
    expect(
      sumProgress([
        { loaded: 5, total: 10 },
        { loaded: 1, total: null },
      ]),
    ).toEqual({ loaded: 6, total: null });
  });

  it('never reports more loaded than the total (a size that was wrong)', () => {
    expect(sumProgress([{ loaded: 12, total: 10 }])).toEqual({ loaded: 12, total: 12 });
  });
});

describe('describeProgress', () => {
  it.each([
    [{ loaded: 0, total: 0 }, '0 KB'],
    [{ loaded: 51_200, total: 102_400 }, '50 KB of 100 KB'],
    [{ loaded: 51_200, total: null }, '50 KB'],
  ])('%o -> %s', (progress, text) => {
    expect(describeProgress(progress)).toBe(text);
  });
});

describe('createDownloadTracker', () => {
  const body = (bytes: number) => new Uint8Array(bytes).fill(7);

  it('counts each body as it is read, with sizes from headers or hints', async () => {
    const files: Record<string, Response> = {
      'http://x/a.bin': new Response(body(1000), { headers: { 'Content-Length': '1000' } }),
      'http://x/b.wasm': new Response(body(500), { headers: { 'Content-Encoding': 'gzip' } }),
    };
    const tracker = createDownloadTracker(async (url) => files[url]);
    const seen: string[] = [];
    tracker.subscribe(() => seen.push(describeProgress(tracker.snapshot())));
    tracker.expect('http://x/b.wasm', 500);

    const a = await tracker.fetch('http://x/a.bin');
    const b = await tracker.fetch('http://x/b.wasm');
    expect(tracker.snapshot()).toEqual({ loaded: 0, total: 1500 });
    expect((await a.arrayBuffer()).byteLength).toBe(1000);
    expect((await b.arrayBuffer()).byteLength).toBe(500);
    expect(tracker.snapshot()).toEqual({ loaded: 1500, total: 1500 });
    expect(seen.length).toBeGreaterThanOrEqual(4);

    tracker.reset();
    expect(tracker.snapshot()).toEqual({ loaded: 0, total: 0 });
  });

  it('passes failed responses through untouched and uncounted', async () => {
    const notFound = new Response('no', { status: 404 });
    const tracker = createDownloadTracker(async () => notFound);
    expect(await tracker.fetch('http://x/missing')).toBe(notFound);
    expect(tracker.snapshot()).toEqual({ loaded: 0, total: 0 });
  });
});
