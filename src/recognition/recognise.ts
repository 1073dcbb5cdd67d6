import { strokesToModelInput, type Raster } from './modelInput';
import type { Stroke } from '../digit';
import type { Classifier } from '../model/classifier';

/** What recognition needs from the pad at one moment. */
export interface DrawingSnapshot {
  readonly strokes: readonly Stroke[];
  readonly lineWidth: number;
  /** Finished strokes among `strokes` (a stroke still under the pen is not counted). */
  readonly finishedStrokes: number;
}

/** One digit read off the pad: what the model saw and what it answered. */
export interface Reading {
  /** The model's 28x28 input. */
  readonly input: Float32Array;
  /** The model's outputs for it: probabilities of the digits 0 to 9 first. */
  readonly probabilities: Float32Array;
  /** The network's penultimate features for it: what adapting to a person compares. */
  readonly features?: Float32Array;
}

export interface Recognition {
  /** Finished strokes this result reflects: the contract's `data-strokes`. */
  readonly strokes: number;
  /** One reading per digit on the pad, left to right; none when there is no ink to read. */
  readonly readings: readonly Reading[];
}

export const NO_RECOGNITION: Recognition = { strokes: 0, readings: [] };

/** The groups of strokes that are one digit each. Today the whole pad is one digit. */
function digitGroups(strokes: readonly Stroke[]): (readonly Stroke[])[] {
  return strokes.length > 0 ? [strokes] : [];
}

/** Reads every digit on the pad with one model call (one batch row per digit). */
export async function recognise(
  snapshot: DrawingSnapshot,
  classifier: Classifier,
  raster: Raster,
): Promise<Recognition> {
  const { strokes, lineWidth, finishedStrokes } = snapshot;
  const inputs = digitGroups(strokes)
    .map((group) => strokesToModelInput(group, lineWidth, raster))
    .filter((input): input is Float32Array => input !== null);
  if (inputs.length === 0) return { strokes: finishedStrokes, readings: [] };
  const outputs = await classifier.classifyWithFeatures(inputs);
  return {
    strokes: finishedStrokes,
    readings: inputs.map((input, i) => ({
      input,
      probabilities: outputs[i].outputs,
      features: outputs[i].features,
    })),
  };
}
