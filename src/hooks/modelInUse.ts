import { useState } from 'react';
import type { CatalogEntry } from '../model/catalog';
import type { Classifier } from '../model/classifier';

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
