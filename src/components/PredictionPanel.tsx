import type { Recognition } from '../recognition/recognise';
import { NO_VERDICT, type Verdict } from '../recognition/verdict';
import { InputPreview } from './InputPreview';

const percent = (probability: number) => `${Math.round(probability * 100)}%`;

function caption(verdict: Verdict, unavailable: boolean): string {
  if (unavailable) return 'Can’t read right now';
  switch (verdict.kind) {
    case 'none':
      return 'Draw a digit';
    case 'digit':
      return `${percent(verdict.confidence)} sure`;
    case 'unsure':
      return `Not sure: ${verdict.digit} or ${verdict.runnerUp}?`;
    case 'not-digit':
      return verdict.reason === 'too-small'
        ? 'Too small to read: draw bigger'
        : "That doesn't look like a digit";
  }
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
          {verdict.runnerUp}
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
}

export function PredictionPanel({ recognition, drawing, unavailable = false }: PredictionPanelProps) {
  // One digit on the pad for now: the first reading is the answer.
  const reading = recognition.readings.at(0);
  const verdict = reading?.verdict ?? NO_VERDICT;
  const text = caption(verdict, unavailable);
  const read = verdict.kind !== 'none';
  return (
    <section className="prediction-panel" aria-label="Prediction">
      <div
        className={`prediction prediction-${verdict.kind}`}
        data-testid="prediction"
        data-verdict={read ? verdict.kind : ''}
        // The top digit even when the page says it is none: tests and tools can see what it was.
        data-digit={read ? verdict.digit : ''}
        data-confidence={read ? verdict.confidence : 0}
        data-strokes={recognition.strokes}
      >
        <Glyph verdict={verdict} />
        <span className="prediction-caption">{text}</span>
      </div>
      <InputPreview input={reading?.input ?? null} />
      {/* Announced once a stroke is finished; every frame of a stroke would drown a screen reader. */}
      <p className="visually-hidden" aria-live="polite">
        {drawing ? '' : announcement(verdict, text)}
      </p>
    </section>
  );
}
