/**
 * Which catalog model the page runs: `?model=ID` first (a link that names a model), then the
 * person's last choice on this device, then the catalog's default. Pure but for the guarded
 * storage calls: no tf, no React.
 */
import { entryById, type Catalog, type CatalogEntry } from './catalog';

export const MODEL_QUERY = 'model';
/** localStorage key of the last model chosen in the picker. */
export const MODEL_STORAGE_KEY = 'digitpad.model';

/** The id `?model=` names, or null when the query names none. */
export function queriedModel(search: string): string | null {
  const id = new URLSearchParams(search).get(MODEL_QUERY);
  return id === null || id.trim() === '' ? null : id.trim();
}

/**
 * localStorage may be refused (private modes, blocked cookies): reading it, or even naming
 * `window.localStorage`, can throw. Then the choice lasts as long as the page.
 */
export function storedModel(storage: () => Storage): string | null {
  try {
    return storage().getItem(MODEL_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Keeps `id` for the next visit; false when storage refused it. */
export function storeModel(storage: () => Storage, id: string): boolean {
  try {
    storage().setItem(MODEL_STORAGE_KEY, id);
    return true;
  } catch {
    return false;
  }
}

export interface ModelRequest {
  /** `?model=`: a link's choice, for this visit. */
  readonly queried: string | null;
  /** The picker's last choice on this device. */
  readonly stored: string | null;
}

export interface ResolvedChoice {
  readonly entry: CatalogEntry;
  /** What to tell the person when the page runs another model than the link asked for. */
  readonly notice: string | null;
}

/** The id the page asks for before the catalog is read: the link's, else the device's, else none. */
export const requestedId = ({ queried, stored }: ModelRequest): string | null => queried ?? stored;

/**
 * The entry `request` names in `catalog`. A link naming no model of the catalog gets the default
 * and a notice; a stored choice the catalog no longer has (a model retired) silently does.
 */
export function resolveChoice(catalog: Catalog, request: ModelRequest): ResolvedChoice {
  const fallback = entryById(catalog, catalog.defaultModel) ?? catalog.models[0];
  if (request.queried !== null) {
    const entry = entryById(catalog, request.queried);
    if (entry !== undefined) return { entry, notice: null };
    return {
      entry: fallback,
      notice: `There is no model "${request.queried}" here; using ${fallback.name}, the default.`,
    };
  }
  const entry = request.stored === null ? undefined : entryById(catalog, request.stored);
  return { entry: entry ?? fallback, notice: null };
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** "58 KB", "2.6 MB": what choosing a model downloads. */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Accuracy on real handwriting of writers training never saw (pen digits and UNIPEN), the
 * figure that says how a model does on a person's drawing; MNIST's test set flatters every model.
 */
export function handwritingText({ measured }: CatalogEntry): string {
  const figures = [
    measured.penAccuracy != null ? `${percent(measured.penAccuracy)} pen` : null,
    measured.unipenAccuracy != null ? `${percent(measured.unipenAccuracy)} UNIPEN` : null,
  ].filter((figure) => figure !== null);
  return figures.length > 0 ? figures.join(', ') : 'not measured on handwriting';
}

/** An option of the picker: "CNN · 98.1% pen, 97.8% UNIPEN · 56 KB". */
export const optionLabel = (entry: CatalogEntry) =>
  `${entry.name} · ${handwritingText(entry)} · ${sizeText(entry.bytes)}`;
