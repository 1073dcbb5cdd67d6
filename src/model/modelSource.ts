import type { io } from '@tensorflow/tfjs-core';
import { NUM_CLASSES } from '../digit';
import {
  CATALOG_FILE,
  CatalogError,
  outputsOf,
  readCatalog,
  type CatalogEntry,
  type CatalogReading,
  type NotDigitScore,
} from './catalog';
import { ModelError, describeError } from './errors';
import { fetchOrThrow, loadModelArtifacts, shown, type Fetch } from './loadArtifacts';

/**
 * What a model's outputs mean, as its catalog entry says: the page checks the model against it
 * and reads the answers by it, so no number that belongs to one model lives in the page.
 */
export interface ModelOutputs {
  /** Outputs per input: the ten digits first, then any others. */
  readonly count: number;
  /** How the model scores "not a digit"; null when it scores digits only. */
  readonly notDigit: NotDigitScore | null;
}

/** A model that scores the ten digits and nothing else (catalog entries before "not a digit"). */
export const DIGITS_ONLY: ModelOutputs = { count: NUM_CLASSES, notDigit: null };

export function modelOutputs(entry: CatalogEntry): ModelOutputs {
  return { count: outputsOf(entry), notDigit: entry.notDigit ?? null };
}

/** A model as its source delivers it: the topology and weights, and what its outputs mean. */
export interface SourcedModel {
  readonly artifacts: io.ModelArtifacts;
  readonly outputs: ModelOutputs;
}

/**
 * Where a model comes from: over HTTP from the app's own folder now, from IndexedDB for a model
 * adapted on this device later. The classifier only ever calls it.
 */
export type ModelSource = () => Promise<SourcedModel>;

/**
 * The model at `modelUrl` (absolute; weight files resolve against it), fetched when asked, with
 * the outputs its catalog entry describes.
 */
export function httpModelSource(modelUrl: string, fetchFile: Fetch, outputs = DIGITS_ONLY): ModelSource {
  return async () => ({ artifacts: await loadModelArtifacts(modelUrl, fetchFile), outputs });
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
  /** `entry`'s files, through `fetchFile` when given (to count one model's download on its own). */
  sourceFor(entry: CatalogEntry, fetchFile?: Fetch): ModelSource;
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
    sourceFor: (entry, through = fetchFile) =>
      httpModelSource(new URL(entry.modelUrl, base).href, through, modelOutputs(entry)),
  };
}
