import { DIGIT_LABELS, NUM_CLASSES } from '../digit';
import type { Verdict } from '../recognition/verdict';

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
  /** Not a digit: the value is read, but not shown over a bar that would look like an answer. */
  readonly quiet: boolean;
  /** Choosing the bar (a tap) says the drawing is this digit; digit keys do the same from a keyboard. */
  readonly onChoose?: (digit: number) => void;
}

function Bar({ digit, probability, top, empty, quiet, onChoose }: BarProps) {
  // Under 1% a label says nothing a bar does not; hidden from sight, not from a screen reader.
  const hiddenValue = empty || quiet || percent(probability) < 1;
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
      <span
        className={hiddenValue ? 'bar-value visually-hidden' : 'bar-value'}
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

/** The note over the bars, when they need one: before any ink, and when it is not a digit. */
function note(verdict: Verdict): string | null {
  if (verdict.kind === 'none') return 'Draw a digit: the bars will show how sure the model is of each.';
  if (verdict.kind !== 'not-digit') return null;
  return verdict.reason === 'too-small'
    ? 'Too small to read: the bars mean nothing yet.'
    : 'Not a digit: the bars only say which digit it looks most like.';
}

const STATE_CLASS: Record<Verdict['kind'], string> = {
  none: 'chart-area chart-empty',
  digit: 'chart-area',
  unsure: 'chart-area',
  'not-digit': 'chart-area chart-not-digit',
};

interface ProbabilityChartProps {
  readonly verdict: Verdict;
  /** Called with the bar's digit when a bar is chosen. */
  readonly onChoose?: (digit: number) => void;
}

/** The ten digits' probabilities, as the verdict gives them (renormalised over the digits). */
export function ProbabilityChart({ verdict, onChoose }: ProbabilityChartProps) {
  const empty = verdict.kind === 'none';
  const values = empty ? NO_EVIDENCE : verdict.probabilities;
  // Only an answer has a top bar: marking one when it is not a digit would read as one.
  const top = verdict.kind === 'digit' || verdict.kind === 'unsure' ? verdict.digit : -1;
  const text = note(verdict);
  return (
    <div className={STATE_CLASS[verdict.kind]}>
      {/* Before the bars, so a screen reader hears what they mean first. */}
      {text !== null && (
        <p className="chart-note">
          <span>{text}</span>
        </p>
      )}
      <ol className="chart" data-testid="probabilities" aria-label="Probability of each digit">
        {values.map((probability, digit) => (
          <Bar
            key={digit}
            digit={digit}
            probability={probability}
            top={digit === top}
            empty={empty}
            quiet={verdict.kind === 'not-digit'}
            onChoose={onChoose}
          />
        ))}
      </ol>
    </div>
  );
}
