import { useState } from 'react';
import type { CatalogEntry } from '../model/catalog';
import { createClassifier, type Classifier } from '../model/classifier';
import type { Lent } from '../model/comparison';
import { downloads } from '../model/downloadProgress';
import type { AppServices } from '../services';

/** The model in use, as the views that look further into it need it. */
export interface InUse {
  readonly entry: CatalogEntry | null;
  readonly classifier: Classifier | null;
}

/**
 * The drawing's value once the answer reads every finished stroke (`settled`): the views below
 * update after each stroke, not on every frame of one, nor with the answer to a stroke still under
 * the pen when it lifts. Their work would compete with the live answer, and that last one would
 * be thrown away as soon as the answer to the finished stroke came.
 */
export function useAfterStroke<T>(value: T, settled: boolean): T {
  const [kept, setKept] = useState(value);
  if (settled && kept !== value) setKept(value);
  return settled ? value : kept;
}

/**
 * Loads `entry` for the comparison on the backend the page runs on: tfjs has one active backend,
 * and models on two would move tensors between them. The page's own model is lent, not loaded again.
 */
export async function lendModel(services: AppServices, inUse: InUse, entry: CatalogEntry): Promise<Lent> {
  const { classifier } = inUse;
  if (classifier !== null && inUse.entry?.id === entry.id) return { classifier, owned: false };
  await classifier?.handOver(); // the page's backend settled before another model starts on it
  const loaded = await createClassifier({
    source: services.modelFor(entry.id, downloads.fetch),
    runtime: services.runtime,
    backends: classifier !== null ? [classifier.backend] : services.backends,
  });
  return { classifier: loaded, owned: true };
}
