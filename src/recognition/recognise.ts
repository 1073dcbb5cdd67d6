import { strokesToModelInput, type Raster } from './modelInput';
import { MNIST_PIXELS, readingLineWidth, tooSmallToRead, type Stroke } from '../digit';
import type { Classifier } from '../model/classifier';
import {
  chooseGrouping,
  groupKey,
  proposeGroupings,
  scoreFromOutputs,
  uniqueGroups,
  type StrokeGroup,
} from '../number';
import { judge, type ReadingVerdict } from './verdict';

/** What recognition needs from the pad at one moment. */
export interface DrawingSnapshot {
  readonly strokes: readonly Stroke[];
  /** The pad's pen width, CSS px. */
  readonly lineWidth: number;
  /** Finished strokes among `strokes` (a stroke still under the pen is not counted). */
  readonly finishedStrokes: number;
}

/** One digit read off the pad: what the model saw and what it answered. */
export interface Reading {
  /** The model's 28x28 input. */
  readonly input: Float32Array;
  /** The model's outputs for it: probabilities of the digits 0 to 9 first, then any others. */
  readonly outputs: Float32Array;
  /** The ink spans less than one pad pen width (a dot, a tick): no reading of it means anything. */
  readonly tooSmall: boolean;
  /** What the page says of it, by the model's own "not a digit" threshold when it has one. */
  readonly verdict: ReadingVerdict;
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

/** A reading before the model has answered. */
export type Unread = Pick<Reading, 'input' | 'tooSmall'>;

/**
 * One group of strokes as the model will see it. The pen it is drawn with follows the group's
 * size (`readingLineWidth`): a small digit drawn with the pad's pen would be a blob. Ink the
 * raster cannot find at all (a speck) is read as a blank image, and is too small.
 */
export function unread(group: readonly Stroke[], padLineWidth: number, raster: Raster): Unread {
  const input = strokesToModelInput(group, readingLineWidth(group, padLineWidth), raster);
  return {
    input: input ?? new Float32Array(MNIST_PIXELS),
    tooSmall: input === null || tooSmallToRead(group, padLineWidth),
  };
}

/**
 * Reads every digit on the pad with one model call. The strokes are cut into digits in a few
 * candidate ways (`proposeGroupings`, geometry alone); every distinct group of every candidate is
 * one batch row; the candidate whose digits the model believes most is the answer, its groups
 * the digits left to right (`chooseGrouping`).
 */
export async function recognise(
  snapshot: DrawingSnapshot,
  classifier: Classifier,
  raster: Raster,
): Promise<Recognition> {
  const { strokes, lineWidth, finishedStrokes } = snapshot;
  if (strokes.length === 0) return { strokes: finishedStrokes, readings: [] };
  const candidates = proposeGroupings(strokes);
  const groups = uniqueGroups(candidates);
  const unreadGroups = groups.map((group) => unread(strokesOf(group, strokes), lineWidth, raster));
  const read = await classifier.classifyWithFeatures(unreadGroups.map(({ input }) => input));
  const row = new Map(groups.map((group, index) => [groupKey(group), index]));
  const rowOf = (group: StrokeGroup) => row.get(groupKey(group)) ?? -1;
  const chosen = chooseGrouping(candidates, (group) => scoreFromOutputs(read[rowOf(group)].outputs));
  const { notDigit } = classifier.outputs;
  return {
    strokes: finishedStrokes,
    readings: chosen.groups.map((group) => {
      const { input, tooSmall } = unreadGroups[rowOf(group)];
      const { outputs, features } = read[rowOf(group)];
      return { input, outputs, tooSmall, verdict: judge({ outputs, tooSmall }, notDigit), features };
    }),
  };
}

const strokesOf = (group: StrokeGroup, strokes: readonly Stroke[]) => group.map((index) => strokes[index]);
