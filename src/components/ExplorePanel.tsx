import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { lendModel, type InUse } from '../hooks/modelInUse';
import type { CatalogEntry } from '../model/catalog';
import type { ModelChoice } from '../hooks/useModelChoice';
import type { AppServices } from '../services';

// Each view is its own chunk, fetched the first time it opens: the first visit carries neither.
const CompareView = lazy(() => import('./CompareView'));
const LookInside = lazy(() => import('./LookInside'));

/** A `details` whose content exists only while it is open: closing it frees what it loaded. */
function OnDemand({ summary, children }: { readonly summary: string; readonly children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="explore-section" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && <Suspense fallback={<p className="explore-note">Loading…</p>}>{children}</Suspense>}
    </details>
  );
}

interface ExplorePanelProps {
  readonly services: AppServices;
  readonly choice: ModelChoice;
  readonly inUse: InUse;
  /** The model's input for the drawing after its last stroke; null on a blank pad. */
  readonly input: Float32Array | null;
}

/**
 * "Models": compare the catalog's models on the drawing, and look inside the one in use. A panel
 * over the answer's side of the page, so the pad stays free to draw on while it is open.
 */
export function ExplorePanel({ services, choice, inUse, input }: ExplorePanelProps) {
  const name = inUse.entry?.name ?? 'the model';
  const load = useCallback((entry: CatalogEntry) => lendModel(services, inUse, entry), [services, inUse]);
  return (
    <details className="explore">
      <summary>
        <span className="explore-label">Models</span>
        <span className="explore-icon" aria-hidden="true">
          ⋯
        </span>
      </summary>
      <div className="explore-panel">
        {choice.problems.length > 0 && (
          <div className="explore-error" role="status">
            <p>Left out of the list of models:</p>
            <ul>
              {choice.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <OnDemand summary="Compare the models">
          <CompareView models={choice.models} load={load} inUse={inUse.entry?.id ?? null} input={input} />
        </OnDemand>
        <OnDemand summary={`Look inside ${name}`}>
          <LookInside classifier={inUse.classifier} name={name} input={input} />
        </OnDemand>
      </div>
    </details>
  );
}
