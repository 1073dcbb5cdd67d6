import type { CatalogEntry } from '../model/catalog';
import { createClassifier } from '../model/classifier';
import type { Lent } from '../model/comparison';
import { downloads } from '../model/downloadProgress';
import type { AppServices } from '../services';
import type { InUse } from './modelInUse';

/**
 * Loads `entry` for the comparison on the backend the page runs on: tfjs has one active backend,
 * and models on two would move tensors between them. The page's own model is lent, not loaded again.
 * Its own module, so it comes with the comparison in the later chunk.
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
