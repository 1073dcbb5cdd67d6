import { createDiagnostics, type Diagnostics } from './diagnostics';
import { FIRST_ANSWER_BACKEND, backendsFromQuery, type BackendName } from './model/backendChoice';
import { entryById } from './model/catalog';
import { downloads } from './model/downloadProgress';
import { createModelLibrary, type ModelLibrary, type ModelSource } from './model/modelSource';
import { createTfRuntime, type TfRuntime } from './model/runtime';

/**
 * The long-lived objects the app owns, made once per page (per App in tests) and handed down:
 * no module keeps one of its own.
 */
export interface AppServices {
  readonly runtime: TfRuntime;
  readonly models: ModelLibrary;
  /**
   * The catalog's default model, for the classifier. Its first call takes the download that
   * `prefetchModel` began, if any; every later call (a retry) downloads it again.
   */
  readonly defaultModel: ModelSource;
  /** Starts downloading the default model now, before React has rendered and asked for it. */
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
type Page = Pick<Window, 'fetch' | 'location' | 'document' | 'navigator'>;

const PRERENDER_PAGE: Page = {
  fetch: () => Promise.reject(new Error('no network while prerendering')),
  location: { search: '' } as Location,
  document: { baseURI: 'http://prerender.invalid/' } as Document,
  navigator: {} as Navigator,
};

/** Whether a service worker serves this page (some browsers have no service worker API). */
const servedByWorker = ({ navigator }: Page) =>
  Boolean((navigator.serviceWorker as ServiceWorkerContainer | undefined)?.controller);

export function createAppServices(page: Page = PRERENDER_PAGE): AppServices {
  // Relative to the app's base, so the page works from any sub-path of a static host.
  const modelsUrl = new URL(`${import.meta.env.BASE_URL}models/`, page.document.baseURI).href;
  // Through the tracker, so the progress bar counts the model's bytes.
  const models = createModelLibrary(modelsUrl, downloads.fetch);
  const download = defaultModelSource(models);
  let prefetched: ReturnType<ModelSource> | null = null;
  return {
    runtime: createTfRuntime(),
    models,
    defaultModel() {
      const taken = prefetched;
      prefetched = null;
      return taken ?? download();
    },
    prefetchModel() {
      prefetched ??= download();
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

/** The catalog's default model, looked up when the classifier asks for its artifacts. */
export function defaultModelSource(models: ModelLibrary): ModelSource {
  return async () => {
    const { catalog, problems } = await models.catalog();
    // A bad entry must not stop the good ones; it is worth a line for whoever deploys the page.
    for (const problem of problems) console.warn(`models/index.json: ${problem}`);
    const entry = entryById(catalog, catalog.defaultModel);
    if (entry === undefined) throw new Error(`the catalog has no model "${catalog.defaultModel}"`);
    return models.sourceFor(entry)();
  };
}
