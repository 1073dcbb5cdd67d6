/**
 * The model catalog, `models/index.json`: which models the page can run, where their files are,
 * what they expect and what training measured. The exporter writes it (`npm run train`,
 * `npm run catalog`); the page reads it instead of assuming one model at one URL. Pure: no tf, no
 * DOM, no Node, so both sides share the one definition of the format.
 */
import { MNIST_SIZE, NOT_DIGIT, NUM_CLASSES } from '../digit';

export const CATALOG_FILE = 'index.json';
export const CATALOG_FORMAT = 'digitpad-model-catalog';
export const CATALOG_VERSION = 1;

/** Figures training measured, copied from the model's `metrics.json`; null where not measured. */
export interface MeasuredFigures {
  /** Accuracy on the 10,000 MNIST test images, weights as shipped. */
  readonly mnistTestAccuracy: number;
  /** Accuracy on real pen digits of writers neither training nor tuning saw. */
  readonly penAccuracy: number | null;
  readonly params: number;
  readonly weightBytes: number;
  /** Accuracy on UNIPEN digits of writers neither training nor tuning saw; absent in older entries. */
  readonly unipenAccuracy?: number | null;
  /**
   * The "not a digit" answers, each a fraction of its set; absent in older entries, null for a
   * model that cannot say it. Digits wrongly rejected: the held-out writers' pen and UNIPEN digits
   * called not a digit. Caught: the test writers' letters (those that look like no digit) and
   * generated non-digit ink called not a digit.
   */
  readonly penNotDigit?: number | null;
  readonly unipenNotDigit?: number | null;
  readonly lettersNotDigit?: number | null;
  readonly generatedNotDigit?: number | null;
  /**
   * Median milliseconds per prediction, one drawing at a time through the page's forward pass on
   * the WASM backend in Node (`training/latency.ts`), on the machine that wrote the catalog.
   */
  readonly msPerPrediction?: number | null;
}

/** The optional fractions of `MeasuredFigures`, checked alike. */
const OPTIONAL_FRACTIONS = [
  'unipenAccuracy',
  'penNotDigit',
  'unipenNotDigit',
  'lettersNotDigit',
  'generatedNotDigit',
] as const;

/**
 * How a model says "that is not a digit": the output that scores it, and the score at or above
 * which the page says so. Training chooses the threshold on its tuning writers and stores it
 * here, beside the model, so the page holds no number that belongs to one model.
 */
export interface NotDigitScore {
  readonly output: number;
  readonly threshold: number;
}

export interface CatalogEntry {
  /** Stable identifier, also the model's folder: `?model=ID`, stored choices. */
  readonly id: string;
  /** What a person reads in a model picker. */
  readonly name: string;
  /** `model.json`, relative to the catalog file. */
  readonly modelUrl: string;
  /** Every file the model needs (model.json first, then weights), relative to the catalog file. */
  readonly files: readonly string[];
  /** The files' total size in bytes: what choosing this model downloads. */
  readonly bytes: number;
  /** Side of the square, single-channel input. */
  readonly inputSize: number;
  /** Digit classes among the outputs (the first `classes` outputs are the digits 0 to 9). */
  readonly classes: number;
  /** Outputs per input: `classes`, plus one when the model scores "not a digit". Absent: `classes`. */
  readonly outputs?: number;
  /** Present when the model scores "not a digit". */
  readonly notDigit?: NotDigitScore;
  readonly measured: MeasuredFigures;
  readonly createdAt: string;
}

export interface Catalog {
  readonly format: typeof CATALOG_FORMAT;
  readonly version: typeof CATALOG_VERSION;
  /** Id of the model the page starts with. */
  readonly defaultModel: string;
  readonly models: readonly CatalogEntry[];
}

/** The whole catalog is unusable: not JSON, another format, or no usable model. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** A catalog read leniently: one bad entry is reported, and the other models still work. */
export interface CatalogReading {
  readonly catalog: Catalog;
  /** One line per entry that was left out, saying which and why. */
  readonly problems: readonly string[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Relative paths below the catalog's folder: no scheme, no leading slash, no `..`. */
const RELATIVE_PATH = /^(?!\/)(?![a-z][a-z0-9+.-]*:)(?!.*(^|\/)\.\.(\/|$))[^\s?#]+$/i;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
const isFraction = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

/** Why `value` is not a catalog entry this page can use, or null when it is. */
export function entryProblem(value: unknown): string | null {
  if (!isFields(value)) return 'is not an object';
  const { id, name, modelUrl, files, bytes, inputSize, classes, measured, createdAt } = value;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return `has an invalid id ${JSON.stringify(id)}`;
  if (typeof name !== 'string' || name.trim() === '') return 'has no name';
  if (typeof modelUrl !== 'string' || !RELATIVE_PATH.test(modelUrl) || !modelUrl.endsWith('model.json'))
    return `has an invalid modelUrl ${JSON.stringify(modelUrl)}`;
  if (!Array.isArray(files) || files[0] !== modelUrl || !files.every((f) => RELATIVE_PATH.test(String(f))))
    return 'lists its files wrongly (model.json first, then weights, relative paths)';
  if (!isCount(bytes)) return 'has no byte size';
  if (inputSize !== MNIST_SIZE)
    return `takes ${String(inputSize)}x${String(inputSize)} input, the page makes ${MNIST_SIZE}x${MNIST_SIZE}`;
  if (classes !== NUM_CLASSES) return `has ${String(classes)} digit classes, the page needs ${NUM_CLASSES}`;
  if (typeof createdAt !== 'string') return 'has no creation time';
  return outputsProblem(value) ?? measuredProblem(measured);
}

/** The model's outputs: the digits, optionally followed by one "not a digit" score. */
function outputsProblem({ outputs, notDigit }: Fields): string | null {
  const count = outputs ?? NUM_CLASSES;
  if (count !== NUM_CLASSES && count !== NUM_CLASSES + 1)
    return `has ${String(outputs)} outputs; the page reads ${NUM_CLASSES}, or ${NUM_CLASSES + 1} with "not a digit"`;
  if (notDigit === undefined)
    return count === NUM_CLASSES ? null : 'has an extra output but no notDigit score';
  if (!isFields(notDigit) || notDigit.output !== NOT_DIGIT || count !== NUM_CLASSES + 1)
    return `has a notDigit score that is not output ${NOT_DIGIT} of ${NUM_CLASSES + 1}`;
  if (!isFraction(notDigit.threshold)) return 'has a notDigit threshold outside 0..1';
  return null;
}

/** Outputs per input of a catalog entry: older entries without `outputs` have one per digit. */
export function outputsOf(entry: CatalogEntry): number {
  return entry.outputs ?? entry.classes;
}

function measuredProblem(measured: unknown): string | null {
  if (!isFields(measured)) return 'has no measured figures';
  const { mnistTestAccuracy, penAccuracy, params, weightBytes, msPerPrediction } = measured;
  if (!isFraction(mnistTestAccuracy)) return 'has no MNIST test accuracy';
  if (penAccuracy !== null && !isFraction(penAccuracy)) return 'has an invalid pen accuracy';
  if (!isCount(params) || !isCount(weightBytes)) return 'has no parameter or weight count';
  const badFraction = OPTIONAL_FRACTIONS.find((key) => !isAbsentOr(measured[key], isFraction));
  if (badFraction) return `has an invalid ${badFraction} ${JSON.stringify(measured[badFraction])} (not 0..1)`;
  const isDuration = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (!isAbsentOr(msPerPrediction, isDuration))
    return `has an invalid msPerPrediction ${JSON.stringify(msPerPrediction)}`;
  return null;
}

/** Optional figures may be missing (older entries) or null (not measured). */
const isAbsentOr = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || value === null || check(value);

/**
 * A catalog file as written: its entries unchecked, so that rewriting it to add one model keeps
 * every other entry as it was, even one this version of the page cannot use.
 */
export interface CatalogFile {
  readonly format: typeof CATALOG_FORMAT;
  readonly version: typeof CATALOG_VERSION;
  readonly defaultModel: string;
  readonly models: readonly unknown[];
}

/** Throws `CatalogError` unless `json` is a catalog of this format and version with a list of models. */
export function checkCatalogFile(json: unknown): asserts json is CatalogFile {
  if (!isFields(json) || json.format !== CATALOG_FORMAT)
    throw new CatalogError(`is not a digitpad model catalog (no "format": "${CATALOG_FORMAT}")`);
  if (json.version !== CATALOG_VERSION)
    throw new CatalogError(
      `is catalog version ${String(json.version)}; this page reads version ${CATALOG_VERSION}`,
    );
  if (!Array.isArray(json.models)) throw new CatalogError('has no list of models');
}

/**
 * Checks a parsed `index.json` entry by entry: a bad entry is left out with a line in `problems`
 * that names it and says why, and the other models still work. Throws `CatalogError` only when
 * no model at all can be used.
 */
export function readCatalog(json: unknown): CatalogReading {
  checkCatalogFile(json);
  const problems: string[] = [];
  const models: CatalogEntry[] = [];
  json.models.forEach((entry: unknown, index) => {
    const label =
      isFields(entry) && typeof entry.id === 'string' ? `model "${entry.id}"` : `model ${index + 1}`;
    const problem = entryProblem(entry);
    if (problem !== null) problems.push(`${label} ${problem}`);
    else if (models.some((m) => m.id === (entry as CatalogEntry).id))
      problems.push(`${label} is listed twice`);
    else models.push(entry as CatalogEntry);
  });
  if (models.length === 0)
    throw new CatalogError(
      `lists no model this page can use${problems.length ? ` (${problems.join('; ')})` : ''}`,
    );
  const wanted = typeof json.defaultModel === 'string' ? json.defaultModel : '';
  const defaultModel = models.some((m) => m.id === wanted) ? wanted : models[0].id;
  if (defaultModel !== wanted)
    problems.push(`default model "${wanted}" is not usable; using "${defaultModel}"`);
  return { catalog: { format: CATALOG_FORMAT, version: CATALOG_VERSION, defaultModel, models }, problems };
}

const idOf = (value: unknown) => (isFields(value) ? value.id : undefined);

/**
 * The catalog with `entry` upserted by id: replacing every entry of that id in place (the first
 * keeps its position), or added at the end. Every other entry is kept exactly as it was, valid or
 * not, and so is the default; the first model written becomes the default.
 */
export function withEntry(catalog: CatalogFile | null, entry: CatalogEntry): CatalogFile {
  const models = catalog?.models ?? [];
  const first = models.findIndex((m) => idOf(m) === entry.id);
  const kept = models.filter((m, i) => idOf(m) !== entry.id || i === first);
  return {
    format: CATALOG_FORMAT,
    version: CATALOG_VERSION,
    defaultModel: catalog?.defaultModel ?? entry.id,
    models: first < 0 ? [...kept, entry] : kept.map((m) => (idOf(m) === entry.id ? entry : m)),
  };
}

export function entryById(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((m) => m.id === id);
}
