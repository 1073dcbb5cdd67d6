import { leastCertain, numberText, overallVerdict } from '../recognition/number';
import type { Recognition } from '../recognition/recognise';
import { secondAnswer, type ReadingVerdict, type Verdict } from '../recognition/verdict';
import { DigitList } from './DigitList';
import { InputPreview } from './InputPreview';

const percent = (probability: number) => `${Math.round(probability * 100)}%`;

function caption(verdict: Verdict, unavailable: boolean): string {
  if (unavailable) return 'Can’t read right now';
  switch (verdict.kind) {
    case 'none':
      return 'Draw a digit';
    case 'digit':
      return `${percent(verdict.belief)} sure`;
    case 'unsure':
      return `Not sure: ${verdict.digit} or ${secondAnswer(verdict)}?`;
    case 'not-digit':
      return verdict.reason === 'too-small'
        ? 'Too small to read: draw bigger'
        : "That doesn't look like a digit";
  }
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const ordinal = (index: number) => ORDINALS[index] ?? `${index + 1}th`;

/** A number's caption: how many digits, or the one most worth a second look. */
function numberCaption(verdicts: readonly ReadingVerdict[], unavailable: boolean): string {
  if (unavailable) return 'Can’t read right now';
  const index = leastCertain(verdicts);
  const worst = verdicts[index];
  if (worst.kind === 'digit') return `${verdicts.length} digits, the least sure ${percent(worst.belief)}`;
  if (worst.kind === 'unsure')
    return `Not sure of the ${ordinal(index)}: ${worst.digit} or ${secondAnswer(worst)}?`;
  return worst.reason === 'too-small'
    ? `The ${ordinal(index)} is too small to read`
    : `The ${ordinal(index)} doesn't look like a digit`;
}

/** What a screen reader hears: the digit first when the model is sure, the caption otherwise. */
function announcement(verdict: Verdict, text: string): string {
  if (verdict.kind === 'none') return '';
  return verdict.kind === 'digit' ? `${verdict.digit}, ${text}` : text;
}

/** The big glyph: the digit, two candidates, or a dash that reads as no digit at all. */
function Glyph({ verdict }: { readonly verdict: Verdict }) {
  switch (verdict.kind) {
    case 'none':
      return <span className="prediction-glyph" />;
    case 'digit':
      return <span className="prediction-glyph">{verdict.digit}</span>;
    case 'unsure':
      return (
        <span className="prediction-glyph" aria-hidden="true">
          {verdict.digit}
          <span className="prediction-or">/</span>
          {verdict.orNotDigit ? '–' : verdict.runnerUp}
        </span>
      );
    case 'not-digit':
      return (
        <span className="prediction-glyph" aria-hidden="true">
          –
        </span>
      );
  }
}

interface PredictionPanelProps {
  readonly recognition: Recognition;
  /** A stroke is in progress: results are provisional and not worth announcing. */
  readonly drawing: boolean;
  /** The model failed to load: no answer is coming, and the caption must not invite one. */
  readonly unavailable?: boolean;
  /** The digit whose bars and preview are shown (an index into the readings). */
  readonly shown?: number;
  /** Called with a digit's index when the person chooses it in a number. */
  readonly onShow?: (index: number) => void;
}

export function PredictionPanel(props: PredictionPanelProps) {
  const { recognition, drawing, unavailable = false, shown = 0, onShow = () => {} } = props;
  const verdicts = recognition.readings.map((reading) => reading.verdict);
  const several = verdicts.length > 1;
  const verdict = overallVerdict(verdicts);
  const text = several ? numberCaption(verdicts, unavailable) : caption(verdict, unavailable);
  const read = verdict.kind !== 'none';
  return (
    <section className="prediction-panel" aria-label="Prediction">
      <div
        className={`prediction prediction-${verdict.kind}`}
        data-testid="prediction"
        data-verdict={read ? verdict.kind : ''}
        // The top digit even when the page says it is none: tests and tools can see what it was.
        data-digit={read && !several ? verdict.digit : ''}
        data-number={numberText(verdicts)}
        data-confidence={read ? verdict.confidence : 0}
        data-strokes={recognition.strokes}
      >
        {several ? (
          <DigitList verdicts={verdicts} shown={shown} onShow={onShow} />
        ) : (
          <Glyph verdict={verdict} />
        )}
        <span className="prediction-caption">{text}</span>
        {/* One digit: its glyph says it all, and the list only carries the contract's attributes. */}
        {!several && <DigitList verdicts={verdicts} shown={shown} onShow={onShow} hidden />}
      </div>
      <InputPreview input={(shown >= 0 ? recognition.readings[shown]?.input : undefined) ?? null} />
      {/* Announced once a stroke is finished; every frame of a stroke would drown a screen reader. */}
      <p className="visually-hidden" aria-live="polite">
        {drawing ? '' : several ? `${numberText(verdicts)}. ${text}` : announcement(verdict, text)}
      </p>
    </section>
  );
}
