import { Later, laterPart, useOpened } from './Later';
import type { ExploreSectionsProps } from './ExploreSections';

const ExploreSections = laterPart('ExploreSections');

interface ExplorePanelProps extends ExploreSectionsProps {
  /** The page has answered: the panel's sections may come (`useAfterFirstAnswer`). */
  readonly afterFirstAnswer: boolean;
}

/**
 * "Models": compare the catalog's models on the drawing, and look inside the one in use. A panel
 * over the answer's side of the page, so the pad stays free to draw on while it is open. What the
 * catalog left out is said at once; the sections come after the first answer, or when it opens.
 */
export function ExplorePanel({ afterFirstAnswer, ...sections }: ExplorePanelProps) {
  const [opened, onToggle] = useOpened();
  const { problems } = sections.choice;
  return (
    <details className="explore" onToggle={onToggle}>
      <summary>
        <span className="explore-label">Models</span>
        <span className="explore-icon" aria-hidden="true">
          ⋯
        </span>
      </summary>
      <div className="explore-panel">
        {problems.length > 0 && (
          <div className="explore-error" role="status">
            <p>Left out of the list of models:</p>
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <Later wanted={afterFirstAnswer || opened} fallback={<p className="explore-note">Loading…</p>}>
          <ExploreSections {...sections} />
        </Later>
      </div>
    </details>
  );
}
