import type { Score, Tally } from '../history/score';

const ratio = ({ right, total }: Tally) => `${right} of ${total}`;

/** This visit and all time, and per digit for whoever opens it. */
export function ScoreDetails({ score }: { readonly score: Score }) {
  return (
    <div className="score-details">
      <p>
        Right this visit: <strong>{ratio(score.thisVisit)}</strong>. All time:{' '}
        <strong>{ratio(score.allTime)}</strong>.
      </p>
      <details>
        <summary>Per digit</summary>
        <table className="score-table">
          <thead>
            <tr>
              <th scope="col">Digit</th>
              <th scope="col">Right</th>
            </tr>
          </thead>
          <tbody>
            {score.perDigit.map((tally, digit) => (
              <tr key={digit}>
                <th scope="row">{digit}</th>
                <td>{ratio(tally)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
