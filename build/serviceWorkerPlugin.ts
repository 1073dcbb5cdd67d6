import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import {
  MANIFEST_PLACEHOLDER,
  SERVICE_WORKER_FILE,
  isPrecached,
  otherModelFolders,
  type PrecacheManifest,
} from '../src/sw/precache';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Every file of the built app in `outDir` (but the worker itself), with its hash. */
export async function precacheManifestFor(outDir: string): Promise<PrecacheManifest> {
  const catalog = JSON.parse(
    await readFile(join(outDir, 'models', 'index.json'), 'utf8').catch(() => 'null'),
  );
  const skipped = otherModelFolders(catalog);
  const paths = (await filesUnder(outDir)).filter((path) => isPrecached(path, skipped));
  const files = await Promise.all(
    paths.map(async (path) => ({ path, sha256: sha256(await readFile(join(outDir, path))) })),
  );
  const version = sha256(files.map((file) => `${file.path} ${file.sha256}\n`).join('')).slice(0, 16);
  return { version, files };
}

/**
 * Writes the manifest of `outDir` into its service worker. Run after everything else is in place:
 * the build does it last, and a deployment that changes files afterwards runs it again.
 */
export async function writePrecacheManifest(outDir: string): Promise<PrecacheManifest> {
  const file = join(outDir, SERVICE_WORKER_FILE);
  const source = await readFile(file, 'utf8');
  const manifest = await precacheManifestFor(outDir);
  // The built worker holds the placeholder once, as a string literal; a fresh copy is needed to
  // write it again, so a rerun starts from whatever manifest the previous run wrote.
  const literal = /(["'`])__DIGITPAD_PRECACHE_MANIFEST__\1|\/\*precache\*\/"(?:[^"\\]|\\.)*"/;
  if (!literal.test(source)) {
    throw new Error(`${file} has no ${MANIFEST_PLACEHOLDER} to replace: is it the digitpad service worker?`);
  }
  const json = JSON.stringify(JSON.stringify(manifest));
  await writeFile(
    file,
    source.replace(literal, () => `/*precache*/${json}`),
  );
  return manifest;
}

/**
 * Builds `src/sw/serviceWorker.ts` into `sw.js` beside index.html (its scope is then the app's
 * folder, whatever sub-path that is), and writes into it the list of files to precache once every
 * file of the build, public ones included, is in the output folder.
 */
export function serviceWorkerPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'digitpad:service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: 'src/sw/serviceWorker.ts', fileName: SERVICE_WORKER_FILE });
    },
    writeBundle: {
      order: 'post',
      async handler() {
        await writePrecacheManifest(outDir);
      },
    },
  };
}
