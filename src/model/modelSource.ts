import type { io } from '@tensorflow/tfjs-core';
import { CATALOG_FILE, CatalogError, readCatalog, type CatalogEntry, type CatalogReading } from './catalog';
import { ModelError, describeError } from './errors';
import { fetchOrThrow, loadModelArtifacts, shown, type Fetch } from './loadArtifacts';

/**
 * Where a model's topology and weights come from: over HTTP from the app's own folder now, from
 * IndexedDB for a model adapted on this device later. The classifier only ever calls it.
 */
export type ModelSource = () => Promise<io.ModelArtifacts>;

/** The model at `modelUrl` (absolute; weight files resolve against it), fetched when asked. */
export function httpModelSource(modelUrl: string, fetchFile: Fetch): ModelSource {
  return () => loadModelArtifacts(modelUrl, fetchFile);
}

/** The catalog at `catalogUrl`, checked; a bad entry is a problem listed, not a failure. */
export async function loadCatalog(catalogUrl: string, fetchFile: Fetch): Promise<CatalogReading> {
  const url = new URL(catalogUrl);
  const text = await (await fetchOrThrow(fetchFile, url, 'Could not load the list of models')).text();
  try {
    return readCatalog(JSON.parse(text));
  } catch (error) {
    const problem = error instanceof CatalogError ? error.message : 'is not valid JSON';
    throw new ModelError('bad-catalog', `Could not load the list of models: ${shown(url)} ${problem}`, {
      cause: error,
    });
  }
}

/**
 * The models the app can run, read from `models/index.json` under `baseUrl` once (again after a
 * failure, so Retry fetches it anew), and a source for each.
 */
export interface ModelLibrary {
  catalog(): Promise<CatalogReading>;
  sourceFor(entry: CatalogEntry): ModelSource;
}

export function createModelLibrary(modelsUrl: string, fetchFile: Fetch): ModelLibrary {
  const base = new URL(modelsUrl.endsWith('/') ? modelsUrl : `${modelsUrl}/`);
  let reading: Promise<CatalogReading> | null = null;
  return {
    catalog() {
      reading ??= loadCatalog(new URL(CATALOG_FILE, base).href, fetchFile).catch((error: unknown) => {
        reading = null;
        throw error instanceof ModelError ? error : new ModelError('bad-catalog', describeError(error));
      });
      return reading;
    },
    sourceFor: (entry) => httpModelSource(new URL(entry.modelUrl, base).href, fetchFile),
  };
}
