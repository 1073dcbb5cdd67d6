import type { Fetch } from './loadArtifacts';

/** Requests index.html started before any script ran, by absolute URL (build/earlyFetchPlugin.ts). */
export type EarlyFetches = Map<string, Promise<Response>>;

declare global {
  interface Window {
    __digitpadEarly?: EarlyFetches;
  }
}

/**
 * `fetchFile`, except that a URL whose request the page's HTML already started gets that
 * response, once: the model library asks for the catalog and model.json as it always does, and
 * a retry (or any later request) goes to the server again.
 */
export function withEarlyFetches(fetchFile: Fetch, early: EarlyFetches | undefined): Fetch {
  return (url, init) => {
    const started = early?.get(url);
    if (early === undefined || started === undefined) return fetchFile(url, init);
    early.delete(url);
    return started;
  };
}
