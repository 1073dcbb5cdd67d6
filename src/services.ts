import { createDiagnostics, type Diagnostics } from './diagnostics';
import { FIRST_ANSWER_BACKEND, backendsFromQuery, type BackendName } from './model/backendChoice';
import type { CatalogEntry } from './model/catalog';
import { downloads } from './model/downloadProgress';
import type { Fetch } from './model/loadArtifacts';
import { queriedModel, resolveChoice, storeModel, storedModel, type ModelRequest } from './model/modelChoice';
import { createModelLibrary, type ModelLibrary, type SourcedModel } from './model/modelSource';
import { createTfRuntime, type TfRuntime } from './model/runtime';

/** A model as the classifier takes it, with the catalog entry it was chosen by. */
export interface ChosenModel extends SourcedModel {
  readonly entry: CatalogEntry;
}

/** Where a chosen model comes from; its entry says which one it turned out to be. */
export type ChosenSource = () => Promise<ChosenModel>;

/**
 * The long-lived objects the app owns, made once per page (per App in tests) and handed down:
 * no module keeps one of its own.
 */
export interface AppServices {
  readonly runtime: TfRuntime;
  readonly models: ModelLibrary;
  /** The model the page was asked for when it opened: `?model=`, else the device's last choice. */
  readonly request: ModelRequest;
  /**
   * The model `id` names (the catalog's default when it names none the catalog has), through
   * `fetchFile` (the page's download tracker when not given). The first call for the model the
   * page opened with takes the download that `prefetchModel` began, if any; every later call
   * downloads again.
   */
  modelFor(id: string | null, fetchFile?: Fetch): ChosenSource;
  /** Keeps the picker's choice for the next visit (nothing happens where storage is refused). */
  rememberModel(id: string): void;
  /** Starts downloading the model the page opened with now, before React has rendered and asked for it. */
  prefetchModel(): void;
  /** Backends to try, best first (`?backend=` forces one). */
  readonly backends: readonly BackendName[];
  /**
   * The backend to answer the first drawing on before handing over to the best one: the one with
   * least to download. None on a page its service worker serves: every file is on the device
   * already, so the page starts on the best backend and stays there.
   */
  readonly firstAnswerOn: BackendName | undefined;
  readonly diagnostics: Diagnostics;
  /** A retry: count downloads from zero. */
  startOver(): void;
}

/** What the services need of the page; the build-time prerender has no window and passes none. */
type Page = Pick<Window, 'fetch' | 'location' | 'document' | 'navigator'> & {
  readonly localStorage?: Storage;
};

const PRERENDER_PAGE: Page = {
  fetch: () => Promise.reject(new Error('no network while prerendering')),
  location: { search: '' } as Location,
  document: { baseURI: 'http://prerender.invalid/' } as Document,
  navigator: {} as Navigator,
};

/** Whether a service worker serves this page (some browsers have no service worker API). */
const servedByWorker = ({ navigator }: Page) =>
  Boolean((navigator.serviceWorker as ServiceWorkerContainer | undefined)?.controller);

/** What the page was asked to run; naming `localStorage` itself throws where storage is refused. */
const requestOf = (page: Page): ModelRequest => ({
  queried: queriedModel(page.location.search),
  stored: storedModel(() => page.localStorage as Storage),
});

export function createAppServices(page: Page = PRERENDER_PAGE): AppServices {
  // Relative to the app's base, so the page works from any sub-path of a static host.
  const modelsUrl = new URL(`${import.meta.env.BASE_URL}models/`, page.document.baseURI).href;
  // Through the tracker, so the progress bar counts the model's bytes.
  const models = createModelLibrary(modelsUrl, downloads.fetch);
  const request = requestOf(page);
  const opening = request.queried ?? request.stored;
  let prefetched: ReturnType<ChosenSource> | null = null;
  const modelFor = (id: string | null, fetchFile?: Fetch): ChosenSource => {
    const download = chosenModelSource(models, id, fetchFile);
    return () => {
      const taken = id === opening && fetchFile === undefined ? prefetched : null;
      if (taken !== null) prefetched = null;
      return taken ?? download();
    };
  };
  return {
    runtime: createTfRuntime(),
    models,
    request,
    modelFor,
    rememberModel: (id) => void storeModel(() => page.localStorage as Storage, id),
    prefetchModel() {
      prefetched ??= chosenModelSource(models, opening)();
      prefetched.catch(() => undefined); // shown when the classifier takes it
    },
    backends: backendsFromQuery(page.location.search),
    firstAnswerOn: servedByWorker(page) ? undefined : FIRST_ANSWER_BACKEND,
    diagnostics: createDiagnostics(),
    startOver() {
      prefetched = null;
      downloads.reset();
    },
  };
}

/** The model `id` names (or the default), looked up when the classifier asks for its artifacts. */
export function chosenModelSource(models: ModelLibrary, id: string | null, fetchFile?: Fetch): ChosenSource {
  return async () => {
    const { catalog, problems } = await models.catalog();
    // A bad entry must not stop the good ones; it is worth a line for whoever deploys the page.
    for (const problem of problems) console.warn(`models/index.json: ${problem}`);
    // Only the query can name an unknown model; the picker says so (`useModelChoice`).
    const { entry } = resolveChoice(catalog, { queried: null, stored: id });
    return { ...(await models.sourceFor(entry, fetchFile)()), entry };
  };
}
