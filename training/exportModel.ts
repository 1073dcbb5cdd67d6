/**
 * Writing a trained model where the app loads it: `model.json`, one weights file and
 * `metrics.json` (made by `src/learning/artifacts.ts`), so that a failure at any point leaves the
 * previous model as it was; then the model's entry in the catalog beside it.
 */
import type { io } from '@tensorflow/tfjs-core';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NUM_CLASSES } from '../src/digit';
import { formatMetrics, modelJson, weightBuffer, WEIGHTS_FILE } from '../src/learning/artifacts';
import {
  CATALOG_FILE,
  checkCatalogFile,
  entryProblem,
  withEntry,
  type CatalogEntry,
  type CatalogFile,
  type MeasuredFigures,
  type NotDigitScore,
} from '../src/model/catalog';
import { DataFileError } from './idx';

/**
 * Reads a folder this exporter wrote back into memory, as `tf.io.fromMemory` takes it: Node has
 * no file:// loader without tfjs-node.
 */
export function readModelFolder(dir: string): io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as io.ModelJSON;
  const [group] = json.weightsManifest;
  const weights = readFileSync(join(dir, group.paths[0]));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: group.weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

/**
 * Writes the model into a fresh sibling folder and swaps it in with two renames, so `outDir` is
 * always either the old model or the new one, whole. Both renames are synchronous: a Ctrl-C
 * (handled on the event loop) cannot land between them.
 */
export async function writeModelAtomically(
  artifacts: io.ModelArtifacts,
  outDir: string,
  metrics: object,
): Promise<void> {
  const target = resolve(outDir);
  const staging = join(dirname(target), `.${basename(target)}.staging-${process.pid}`);
  const previous = join(dirname(target), `.${basename(target)}.previous-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, 'model.json'), modelJson(artifacts));
    await writeFile(join(staging, WEIGHTS_FILE), new Uint8Array(weightBuffer(artifacts)));
    await writeFile(join(staging, 'metrics.json'), `${formatMetrics(metrics)}\n`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, previous);
  renameSync(staging, target);
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}

/** Renames into place, so readers see the old file or the new one, never half of one. */
function writeFileAtomically(path: string, text: string): void {
  const partial = `${path}.partial-${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** Figures measured when the catalog is written rather than when the model was trained. */
export interface MeasuredHere {
  /** Overrides `metrics.json`'s: every model of a catalog timed in one sitting compare fairly. */
  readonly msPerPrediction?: number;
}

/**
 * The catalog entry of a model folder this exporter wrote, from its own files: its id is the
 * folder's name, and what training measured comes from its `metrics.json`.
 */
export function catalogEntryFor(modelDir: string, measuredHere: MeasuredHere = {}): CatalogEntry {
  const id = basename(resolve(modelDir));
  const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as io.ModelJSON;
  const metrics = JSON.parse(readFileSync(join(modelDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  const weightFiles = json.weightsManifest.flatMap((group) => group.paths);
  const files = ['model.json', ...weightFiles].map((file) => `${id}/${file}`);
  const bytes = ['model.json', ...weightFiles].reduce(
    (sum, file) => sum + statSync(join(modelDir, file)).size,
    0,
  );
  const inputShape = ((json.modelTopology as { config?: { layers?: { config?: Record<string, unknown> }[] } })
    ?.config?.layers?.[0]?.config?.batch_input_shape ?? []) as (number | null)[];
  return {
    id,
    name: typeof metrics.name === 'string' ? metrics.name : id.toUpperCase(),
    modelUrl: files[0],
    files,
    bytes,
    inputSize: inputShape[1] ?? 0,
    classes: NUM_CLASSES,
    ...outputsOf(metrics),
    measured: measuredFigures(metrics, measuredHere),
    createdAt: String(metrics.createdAt),
  };
}

/** A fraction of a held-out set in `metrics.heldOut`, or null when that set was not measured. */
type HeldOutRates = Partial<Record<'pen' | 'unipen' | 'letters' | 'generated', { notDigit?: number }>>;

function measuredFigures(metrics: Record<string, unknown>, measuredHere: MeasuredHere): MeasuredFigures {
  const heldOut = (metrics.heldOut ?? {}) as HeldOutRates;
  // A model without a "not a digit" output never says it: its rates are not zeros but absent.
  const rate = (set: keyof HeldOutRates) => (metrics.notDigit ? (heldOut[set]?.notDigit ?? null) : null);
  return {
    mnistTestAccuracy: metrics.testAccuracy as number,
    penAccuracy: (metrics.penAccuracy as number | null) ?? null,
    unipenAccuracy: (metrics.unipenAccuracy as number | null) ?? null,
    penNotDigit: rate('pen'),
    unipenNotDigit: rate('unipen'),
    lettersNotDigit: rate('letters'),
    generatedNotDigit: rate('generated'),
    params: metrics.params as number,
    weightBytes: metrics.weightBytes as number,
    msPerPrediction: measuredHere.msPerPrediction ?? (metrics.msPerPrediction as number | undefined) ?? null,
  };
}

/** A model that scores "not a digit" says so in its metrics; its catalog entry carries the threshold. */
function outputsOf(metrics: Record<string, unknown>): Pick<CatalogEntry, 'outputs' | 'notDigit'> {
  const notDigit = metrics.notDigit as NotDigitScore | null | undefined;
  return notDigit ? { outputs: Number(metrics.outputs), notDigit } : {};
}

/**
 * The catalog in `modelsDir` as written, every entry kept, or null when there is none yet. One
 * that is not a catalog at all is an error: fix it by hand.
 */
export function readCatalogFile(modelsDir: string): CatalogFile | null {
  const path = join(modelsDir, CATALOG_FILE);
  if (!existsSync(path)) return null;
  try {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    checkCatalogFile(json);
    return json;
  } catch (error) {
    throw new DataFileError(path, `cannot be updated: ${(error as Error).message}`);
  }
}

/**
 * Adds or replaces the entry of the model in `modelDir` in the catalog of its parent folder (the
 * first model written becomes the default), checking the entry as the page will. The other
 * entries are kept as they are, and the file is replaced with a rename: an interrupted run leaves
 * the previous catalog.
 */
export function writeCatalogEntry(modelDir: string, measuredHere: MeasuredHere = {}): CatalogEntry {
  const modelsDir = dirname(resolve(modelDir));
  const entry = catalogEntryFor(modelDir, measuredHere);
  const problem = entryProblem(entry);
  if (problem !== null) throw new Error(`the catalog entry for ${modelDir} ${problem}`);
  const catalog = withEntry(readCatalogFile(modelsDir), entry);
  writeFileAtomically(join(modelsDir, CATALOG_FILE), `${JSON.stringify(catalog, null, 2)}\n`);
  return entry;
}
