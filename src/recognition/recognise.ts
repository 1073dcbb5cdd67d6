import { strokesToModelInput } from './modelInput';
import type { Stroke } from '../digit';
import type { Classifier } from '../model/classifier';

/** What recognition needs from the pad at one moment. */
export interface DrawingSnapshot {
  readonly strokes: readonly Stroke[];
  readonly lineWidth: number;
  /** Finished strokes among `strokes` (a stroke still under the pen is not counted). */
  readonly finishedStrokes: number;
}

export interface Recognition {
  /** Finished strokes this result reflects: the contract's `data-strokes`. */
  readonly strokes: number;
  /** The model's 28x28 input, or null when there was no ink to read. */
  readonly input: Float32Array | null;
  /** Ten probabilities, digits 0 to 9, or null when there was no ink to read. */
  readonly probabilities: Float32Array | null;
}

export const NO_RECOGNITION: Recognition = { strokes: 0, input: null, probabilities: null };

export async function recognise(snapshot: DrawingSnapshot, classifier: Classifier): Promise<Recognition> {
  const { strokes, lineWidth, finishedStrokes } = snapshot;
  const input = strokesToModelInput(strokes, lineWidth);
  if (input === null) return { strokes: finishedStrokes, input: null, probabilities: null };
  return { strokes: finishedStrokes, input, probabilities: await classifier.classify(input) };
}
