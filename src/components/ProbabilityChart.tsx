import { DIGIT_LABELS, NUM_CLASSES } from '../digit';
import { judge } from '../recognition/verdict';

/**
 * With no ink there is no evidence for any digit, so each is equally likely. Showing that,
 * dimmed, rather than ten empty bars keeps the chart's shape and its sum at 100% in every state.
 */
const NO_EVIDENCE: readonly number[] = Array.from({ length: NUM_CLASSES }, () => 1 / NUM_CLASSES);

export function ProbabilityChart({ probabilities }: { readonly probabilities: Float32Array | null }) {
  // Outputs after the digits (a "not a digit" score) are not digit probabilities.
  const values = probabilities?.subarray(0, NUM_CLASSES) ?? NO_EVIDENCE;
  const verdict = judge(probabilities === null ? null : values);
  const top = verdict.kind === 'none' ? -1 : verdict.digit;
  return (
    <ol
      className={probabilities === null ? 'chart chart-idle' : 'chart'}
      data-testid="probabilities"
      aria-label="Probability of each digit"
    >
      {Array.from(values, (probability, digit) => (
        <li
          key={digit}
          className={digit === top ? 'bar bar-top' : 'bar'}
          data-digit={digit}
          data-probability={probability}
        >
          {/* Read in DOM order as "7: 93%"; the grid places the number above the bar. */}
          <span className="bar-digit">{DIGIT_LABELS[digit]}</span>
          <span className="visually-hidden">: </span>
          <span className="bar-value">{Math.round(probability * 100)}%</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ transform: `scaleY(${probability})` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
