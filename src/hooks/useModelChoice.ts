import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CatalogEntry } from '../model/catalog';
import { MODEL_QUERY, requestedId, resolveChoice, type ModelRequest } from '../model/modelChoice';
import type { AppServices } from '../services';

export interface ModelChoice {
  /** The catalog's usable models, in its order; none until it is read. */
  readonly models: readonly CatalogEntry[];
  /** The model the page runs (or is loading); null until the catalog is read. */
  readonly entry: CatalogEntry | null;
  /** What the classifier is asked for: a catalog id, or null for the default. */
  readonly requested: string | null;
  /** Said when the page runs another model than a link asked for. */
  readonly notice: string | null;
  /** One line per catalog entry left out, for whoever deploys the page. */
  readonly problems: readonly string[];
  readonly choose: (id: string) => void;
}

/** A link that named a model keeps naming the one chosen since, so reloading or sharing it shows the same. */
function followInAddress(id: string): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(MODEL_QUERY)) return;
  url.searchParams.set(MODEL_QUERY, id);
  window.history.replaceState(window.history.state, '', url);
}

/** The catalog once read, or nothing (the model's own loading says what failed). */
function useCatalog(services: AppServices) {
  const [reading, setReading] = useState<Awaited<ReturnType<AppServices['models']['catalog']>> | null>(null);
  useEffect(() => {
    let current = true;
    services.models.catalog().then(
      (read) => current && setReading(read),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [services]);
  return reading;
}

/**
 * The model picker's state: the page opens with what `?model=` or this device's last choice
 * asked for; a choice made here is kept on the device (when storage allows).
 */
export function useModelChoice(services: AppServices): ModelChoice {
  const reading = useCatalog(services);
  const [request, setRequest] = useState<ModelRequest>(services.request);
  const choose = useCallback(
    (id: string) => {
      services.rememberModel(id);
      followInAddress(id);
      setRequest({ queried: null, stored: id });
    },
    [services],
  );
  return useMemo(() => {
    const resolved = reading === null ? null : resolveChoice(reading.catalog, request);
    return {
      models: reading?.catalog.models ?? [],
      entry: resolved?.entry ?? null,
      requested: requestedId(request),
      notice: resolved?.notice ?? null,
      problems: reading?.problems ?? [],
      choose,
    };
  }, [reading, request, choose]);
}
