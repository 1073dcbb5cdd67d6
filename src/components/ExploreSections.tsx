import { useCallback, useState, type ReactNode } from 'react';
import { lendModel } from '../hooks/lendModel';
import type { InUse } from '../hooks/modelInUse';
import type { ModelChoice } from '../hooks/useModelChoice';
import type { InkShape } from '../digit';
import type { CatalogEntry } from '../model/catalog';
import type { AppServices } from '../services';
import CompareView from './CompareView';
import LookInside from './LookInside';

/** A `details` whose content exists only while it is open: closing it frees what it loaded. */
function OnDemand({ summary, children }: { readonly summary: string; readonly children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="explore-section" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}

export interface ExploreSectionsProps {
  readonly services: AppServices;
  readonly choice: ModelChoice;
  readonly inUse: InUse;
  /** The model's input for the drawing after its last stroke; null on a blank pad. */
  readonly input: Float32Array | null;
  /** What that drawing's shape says: a line lying across is not a digit for any model. */
  readonly ink: InkShape;
}

/** "Compare the models" and "Look inside": the Models panel's sections, from the later chunk. */
export function ExploreSections({ services, choice, inUse, input, ink }: ExploreSectionsProps) {
  const name = inUse.entry?.name ?? 'the model';
  const load = useCallback((entry: CatalogEntry) => lendModel(services, inUse, entry), [services, inUse]);
  return (
    <>
      <OnDemand summary="Compare the models">
        <CompareView
          models={choice.models}
          load={load}
          inUse={inUse.entry?.id ?? null}
          input={input}
          ink={ink}
        />
      </OnDemand>
      <OnDemand summary={`Look inside ${name}`}>
        <LookInside classifier={inUse.classifier} name={name} input={input} />
      </OnDemand>
    </>
  );
}
