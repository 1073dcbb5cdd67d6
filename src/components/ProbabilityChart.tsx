import { DIGIT_LABELS, NUM_CLASSES } from '../digit';
import { judge } from '../recognition/verdict';

/**
 * With no ink there is no evidence for any digit, so each is equally likely: the chart's data
 * (`data-probability`, read by tests) keeps that and its sum of 1 in every state. What a person
 * sees and hears is different: ten empty bars and a note, since ten "10%" read as a prediction.
 */
const NO_EVIDENCE: readonly number[] = Array.from({ length: NUM_CLASSES }, () => 1 / NUM_CLASSES);

const percent = (probability: number) => Math.round(probability * 100);

interface BarProps {
  readonly digit: number;
  readonly probability: number;
  readonly top: boolean;
  /** Nothing drawn: the bar is empty and its value is neither shown nor read. */
  readonly empty: boolean;
  /** Choosing the bar (a tap) says the drawing is this digit; digit keys do the same from a keyboard. */
  readonly onChoose?: (digit: number) => void;
}

function Bar({ digit, probability, top, empty, onChoose }: BarProps) {
  return (
    <li
      className={top ? 'bar bar-top' : 'bar'}
      data-digit={digit}
      data-probability={probability}
      onClick={onChoose && !empty ? () => onChoose(digit) : undefined}
    >
      {/* Read in DOM order as "7: 93%"; the grid places the number above the bar. */}
      <span className="bar-digit">{DIGIT_LABELS[digit]}</span>
      <span className="visually-hidden" aria-hidden={empty || undefined}>
        :{' '}
      </span>
      {/* Under 1% a label says nothing a bar does not; hidden from sight, not from a screen reader. */}
      <span
        className={empty || percent(probability) < 1 ? 'bar-value visually-hidden' : 'bar-value'}
        aria-hidden={empty || undefined}
      >
        {percent(probability)}%
      </span>
      <span className="bar-track" aria-hidden="true">
        <span className="bar-fill" style={{ transform: `scaleY(${empty ? 0 : probability})` }} />
      </span>
    </li>
  );
}

interface ProbabilityChartProps {
  readonly probabilities: Float32Array | null;
  /** Called with the bar's digit when a bar is chosen. */
  readonly onChoose?: (digit: number) => void;
}

export function ProbabilityChart({ probabilities, onChoose }: ProbabilityChartProps) {
  const empty = probabilities === null;
  // Outputs after the digits (a "not a digit" score) are not digit probabilities.
  const values = probabilities?.subarray(0, NUM_CLASSES) ?? NO_EVIDENCE;
  const verdict = judge(empty ? null : values);
  const top = verdict.kind === 'none' ? -1 : verdict.digit;
  return (
    <div className={empty ? 'chart-area chart-empty' : 'chart-area'}>
      <ol className="chart" data-testid="probabilities" aria-label="Probability of each digit">
        {Array.from(values, (probability, digit) => (
          <Bar
            key={digit}
            digit={digit}
            probability={probability}
            top={digit === top}
            empty={empty}
            onChoose={onChoose}
          />
        ))}
      </ol>
      {empty && (
        <p className="chart-note">
          <span>Draw a digit: the bars will show how sure the model is of each.</span>
        </p>
      )}
    </div>
  );
}
