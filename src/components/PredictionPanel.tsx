import type { Recognition } from '../recognition/recognise';
import { judge, type Verdict } from '../recognition/verdict';
import { InputPreview } from './InputPreview';

const percent = (probability: number) => `${Math.round(probability * 100)}%`;

function caption(verdict: Verdict, strokes: number, unavailable: boolean): string {
  if (unavailable) return 'Can’t read right now';
  switch (verdict.kind) {
    case 'none':
      return strokes === 0 ? 'Draw a digit' : 'Too small to read';
    case 'sure':
      return `${percent(verdict.confidence)} sure`;
    case 'unsure':
      return `Not sure: ${verdict.digit} or ${verdict.runnerUp}?`;
  }
}

/** What a screen reader hears: the digit first when the model is sure, the doubt otherwise. */
function announcement(verdict: Verdict, text: string): string {
  switch (verdict.kind) {
    case 'none':
      return '';
    case 'sure':
      return `${verdict.digit}, ${text}`;
    case 'unsure':
      return text;
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
  const reading = recognition.readings[0] ?? null;
  const verdict = judge(reading?.outputs.subarray(0, 10) ?? null);
  const text = caption(verdict, recognition.strokes, unavailable);
  const hasDigit = verdict.kind !== 'none';
  return (
    <section className="prediction-panel" aria-label="Prediction">
      <div
        className={`prediction prediction-${verdict.kind}`}
        data-testid="prediction"
        data-digit={hasDigit ? verdict.digit : ''}
        data-confidence={hasDigit ? verdict.confidence : 0}
        data-strokes={recognition.strokes}
      >
        {verdict.kind === 'unsure' ? (
          <span className="prediction-glyph" aria-hidden="true">
            {verdict.digit}
            <span className="prediction-or">/</span>
            {verdict.runnerUp}
          </span>
        ) : (
          <span className="prediction-glyph">{hasDigit ? verdict.digit : ''}</span>
        )}
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
