/**
 * The service worker's list of files and how a request maps onto it. Pure: shared by the service
 * worker, the build step that writes the list (build/serviceWorkerPlugin.ts) and the tests.
 */

export interface PrecacheEntry {
  /** Relative to the service worker's scope (the app's folder), e.g. `assets/index-abc.js`. */
  readonly path: string;
  /** SHA-256 of the file's bytes, hex: the service worker checks every file it caches against it. */
  readonly sha256: string;
}

export interface PrecacheManifest {
  /** Names the cache: a hash over every entry, so any changed file makes a new version. */
  readonly version: string;
  readonly files: readonly PrecacheEntry[];
}

/** Where the build writes the service worker, relative to the app's folder. */
export const SERVICE_WORKER_FILE = 'sw.js';

/** The placeholder in the built service worker that the build replaces by the manifest's JSON. */
export const MANIFEST_PLACEHOLDER = '__DIGITPAD_PRECACHE_MANIFEST__';

export const CACHE_PREFIX = 'digitpad-';

export const cacheNameFor = (manifest: PrecacheManifest) => `${CACHE_PREFIX}${manifest.version}`;

/**
 * Files a deployment must not precache: the worker itself, source maps, the files of every model
 * but the default (`skippedFolders`, e.g. `models/dense/`): a model is downloaded only when a
 * person chooses it, never by an install in the background; and each model's `metrics.json`,
 * training's record of its run, which the page never reads (the catalog carries its figures).
 */
export function isPrecached(path: string, skippedFolders: readonly string[] = []): boolean {
  return (
    path !== SERVICE_WORKER_FILE &&
    !path.endsWith('.map') &&
    !(path.startsWith('models/') && path.endsWith('/metrics.json')) &&
    !skippedFolders.some((folder) => path.startsWith(folder))
  );
}

/** The folders of the catalog's models other than its default, from `models/index.json`'s JSON. */
export function otherModelFolders(catalog: unknown): string[] {
  const { defaultModel, models } = (catalog ?? {}) as { defaultModel?: unknown; models?: unknown };
  if (!Array.isArray(models)) return [];
  return models
    .map((entry) => (entry as { id?: unknown }).id)
    .filter((id): id is string => typeof id === 'string' && id !== defaultModel)
    .map((id) => `models/${id}/`);
}

/**
 * The precached URL that answers `requestUrl`, or null when the network should. Query strings are
 * ignored (`?backend=wasm` is the same page); a navigation to the folder or to index.html gets
 * the cached index.html; anything outside the scope or not in the list is not the worker's.
 */
export function cacheKeyFor(
  requestUrl: string,
  navigation: boolean,
  scope: string,
  paths: ReadonlySet<string>,
): string | null {
  const url = new URL(requestUrl);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  const path = decodeURIComponent(url.pathname.slice(base.pathname.length));
  if (path === '' || (navigation && path === 'index.html')) {
    return paths.has('index.html') ? new URL('index.html', base).href : null;
  }
  if (navigation) return null;
  return paths.has(path) ? new URL(path, base).href : null;
}
