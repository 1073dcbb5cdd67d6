import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precacheManifestFor, writePrecacheManifest } from '../../build/serviceWorkerPlugin';
import { SERVICE_WORKER_FILE as PAGE_WORKER_FILE } from '../../src/pwa/serviceWorkerUpdates';
import {
  MANIFEST_PLACEHOLDER,
  SERVICE_WORKER_FILE,
  cacheKeyFor,
  isPrecached,
  otherModelFolders,
} from '../../src/sw/precache';

const SCOPE = 'https://example.github.io/digitpad/';
const PATHS = new Set(['index.html', 'assets/index-abc.js', 'models/cnn/model.json']);

describe('cacheKeyFor', () => {
  it.each([
    // [request, navigation, answered from]
    ['https://example.github.io/digitpad/', true, `${SCOPE}index.html`],
    ['https://example.github.io/digitpad/?backend=wasm', true, `${SCOPE}index.html`],
    ['https://example.github.io/digitpad/index.html#x', true, `${SCOPE}index.html`],
    ['https://example.github.io/digitpad/assets/index-abc.js', false, `${SCOPE}assets/index-abc.js`],
    ['https://example.github.io/digitpad/models/cnn/model.json?v=2', false, `${SCOPE}models/cnn/model.json`],
    // Not the worker's: unknown files, other pages, other folders, other origins.
    ['https://example.github.io/digitpad/assets/other.js', false, null],
    ['https://example.github.io/digitpad/about.html', true, null],
    ['https://example.github.io/other/assets/index-abc.js', false, null],
    ['https://evil.example/digitpad/assets/index-abc.js', false, null],
  ])('%s (navigation %s) -> %s', (request, navigation, expected) => {
    expect(cacheKeyFor(request, navigation, SCOPE, PATHS)).toBe(expected);
  });
});

describe('isPrecached', () => {
  it.each([
    ['index.html', true],
    ['assets/tfjs-backend-wasm-simd-x.wasm', true],
    ['models/cnn/group1-shard1of1.bin', true],
    [SERVICE_WORKER_FILE, false],
    ['assets/index-abc.js.map', false],
    ['models/cnn/metrics.json', false],
  ])('%s -> %s', (path, expected) => {
    expect(isPrecached(path)).toBe(expected);
  });

  it('leaves out every model but the default: another downloads only when chosen', () => {
    const catalog = { defaultModel: 'cnn', models: [{ id: 'cnn' }, { id: 'dense' }, { id: 'cnn-large' }] };
    const skipped = otherModelFolders(catalog);
    expect(skipped).toEqual(['models/dense/', 'models/cnn-large/']);
    expect(isPrecached('models/cnn/model.json', skipped)).toBe(true);
    expect(isPrecached('models/index.json', skipped)).toBe(true);
    expect(isPrecached('models/dense/model.json', skipped)).toBe(false);
    expect(isPrecached('models/cnn-large/group1-shard1of1.bin', skipped)).toBe(false);
    expect(otherModelFolders(null)).toEqual([]);
  });

  it('names the same worker file as the page registers', () => {
    expect(PAGE_WORKER_FILE).toBe(SERVICE_WORKER_FILE);
  });
});

describe('the precache manifest of a build', () => {
  let outDir: string;

  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'digitpad-precache-'));
    await mkdir(join(outDir, 'models/cnn'), { recursive: true });
    await writeFile(join(outDir, 'index.html'), '<!doctype html>');
    await writeFile(join(outDir, 'models/cnn/model.json'), '{}');
    await writeFile(join(outDir, 'app.js.map'), '{}');
    await writeFile(join(outDir, SERVICE_WORKER_FILE), `const m = JSON.parse("${MANIFEST_PLACEHOLDER}");`);
  });

  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('lists every file but the worker and source maps, each with its SHA-256', async () => {
    const manifest = await precacheManifestFor(outDir);
    expect(manifest.files.map((file) => file.path)).toEqual(['index.html', 'models/cnn/model.json']);
    expect(manifest.files[1].sha256).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('changes version when any file changes, and only then', async () => {
    const before = await precacheManifestFor(outDir);
    expect((await precacheManifestFor(outDir)).version).toBe(before.version);
    await writeFile(join(outDir, 'models/cnn/model.json'), '{"new": true}');
    expect((await precacheManifestFor(outDir)).version).not.toBe(before.version);
  });

  it('writes the manifest into the worker, and again after a later change', async () => {
    const first = await writePrecacheManifest(outDir);
    const parse = async () => {
      const source = await readFile(join(outDir, SERVICE_WORKER_FILE), 'utf8');
      const literal = /JSON\.parse\(\/\*precache\*\/("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
      return JSON.parse(JSON.parse(literal ?? '""')) as { version: string };
    };
    expect((await parse()).version).toBe(first.version);
    await writeFile(join(outDir, 'index.html'), '<!doctype html><p>B</p>');
    const second = await writePrecacheManifest(outDir);
    expect(second.version).not.toBe(first.version);
    expect((await parse()).version).toBe(second.version);
  });

  it('refuses a file that is not the digitpad worker', async () => {
    await writeFile(join(outDir, SERVICE_WORKER_FILE), 'self.addEventListener("fetch", () => {});');
    await expect(writePrecacheManifest(outDir)).rejects.toThrow(/no __DIGITPAD_PRECACHE_MANIFEST__/);
  });
});
