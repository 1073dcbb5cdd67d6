import type { InkShape } from '../digit';
import { useComparison } from '../hooks/useExplore';
import type { CatalogEntry } from '../model/catalog';
import type { Lent, ModelAnswer } from '../model/comparison';
import { handwritingText, sizeText } from '../model/modelChoice';
import { judge, secondAnswer } from '../recognition/verdict';

/** A model's answer in words: "7", "7 or 1?", "not a digit", or where it is in loading. */
function answerText(answer: ModelAnswer, ink: InkShape): { text: string; digit: string; confidence: string } {
  if (answer.state === 'error') return { text: `failed: ${answer.error ?? ''}`, digit: '', confidence: '' };
  if (answer.outputs === null)
    return { text: answer.state === 'ready' ? '–' : 'loading…', digit: '', confidence: '' };
  const verdict = judge({ outputs: answer.outputs, ink }, answer.entry.notDigit ?? null);
  const sure = `${Math.round(verdict.belief * 100)}%`;
  const text =
    verdict.kind === 'not-digit'
      ? 'not a digit'
      : verdict.kind === 'unsure'
        ? `${verdict.digit} or ${secondAnswer(verdict)}? ${sure}`
        : `${verdict.digit} · ${sure}`;
  return { text, digit: String(verdict.digit), confidence: verdict.confidence.toFixed(4) };
}

interface CompareViewProps {
  readonly models: readonly CatalogEntry[];
  /** The model in use, lent; any other, loaded (`lendModel`). */
  readonly load: (entry: CatalogEntry) => Promise<Lent>;
  /** The id of the model in use. */
  readonly inUse: string | null;
  readonly input: Float32Array | null;
  /** What the drawing's shape says, heeded by every model's verdict as by the page's. */
  readonly ink: InkShape;
}

/**
 * Every catalog model's answer for the drawing, side by side: models load when the view opens,
 * read the drawing in turn after each stroke, and are freed when it closes.
 */
export default function CompareView({ models, load, inUse, input, ink }: CompareViewProps) {
  const answers = useComparison(models, load, input);
  return (
    <table className="compare" data-testid="compare">
      <caption>Each model&rsquo;s answer for your drawing</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Answer</th>
          <th scope="col">On real handwriting</th>
          <th scope="col">Size</th>
        </tr>
      </thead>
      <tbody>
        {answers.map((answer) => {
          const { text, digit, confidence } = answerText(answer, ink);
          const { entry } = answer;
          return (
            <tr key={entry.id} data-model={entry.id} data-digit={digit} data-confidence={confidence}>
              <th scope="row">
                {entry.name}
                {entry.id === inUse && <span className="compare-in-use"> (in use)</span>}
              </th>
              <td aria-live="off">{input === null ? '–' : text}</td>
              <td>{handwritingText(entry)}</td>
              <td>{sizeText(entry.bytes)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
