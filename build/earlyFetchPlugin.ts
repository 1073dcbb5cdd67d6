import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { CATALOG_FILE, entryById, readCatalog } from '../src/model/catalog';

/** The models' folder, relative to index.html (as `src/services.ts` has it). */
const MODELS = 'models/';

/**
 * The files a first visit fetches one after the other before it can fetch the weights: the
 * catalog, then the default model's model.json (paths relative to index.html).
 */
export function earlyFetchPaths(catalogJson: unknown): string[] {
  const { catalog } = readCatalog(catalogJson);
  const entry = entryById(catalog, catalog.defaultModel);
  if (entry === undefined) throw new Error(`the catalog has no model "${catalog.defaultModel}"`);
  return [`${MODELS}${CATALOG_FILE}`, `${MODELS}${entry.modelUrl}`];
}

/**
 * The inline script that starts those requests as the HTML is parsed, as the page's own code
 * would make them (revalidated: `src/model/loadArtifacts.ts`), and leaves the responses where the
 * page takes them (`src/model/earlyFetches.ts`). A failure is the page's to report, when it takes
 * the response.
 */
export function earlyFetchScript(paths: readonly string[]): string {
  return `window.__digitpadEarly = new Map(${JSON.stringify(paths)}.map(function (path) {
  var response = fetch(path, { cache: 'no-cache' });
  response.catch(function () {});
  return [new URL(path, document.baseURI).href, response];
}));`;
}

/**
 * Build only: index.html starts fetching the model catalog and the default model's model.json
 * while the page's script downloads. Otherwise they are a chain of round trips after the script
 * has run (catalog, then model.json, then the weights), each a whole round trip on a slow
 * network (400 ms on Slow 3G). The weights are left to the page: fetched here, they would share
 * the link with the script and hold back the moment the pad takes ink (`npm run bench`).
 */
export function earlyFetchPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'digitpad:early-fetch',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(): Promise<HtmlTagDescriptor[]> {
        const catalog: unknown = JSON.parse(await readFile(join(publicDir, MODELS, CATALOG_FILE), 'utf8'));
        return [{ tag: 'script', children: earlyFetchScript(earlyFetchPaths(catalog)), injectTo: 'head' }];
      },
    },
  };
}
