import type { Score } from '../history/score';

/** The score in the panel's button: right answers of all judged, all time (the contract's `score`). */
export function ScoreBadge({ score }: { readonly score: Score }) {
  const { right, total } = score.allTime;
  return (
    <span className="score-badge" data-testid="score" data-right={right} data-total={total}>
      <span className="visually-hidden">, right: </span>
      {right}/{total}
    </span>
  );
}
