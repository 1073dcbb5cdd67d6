import { strokesToModelInput, type Raster } from './modelInput';
import { inkShape, MNIST_PIXELS, readingLineWidth, type InkShape, type Stroke } from '../digit';
import type { Classifier, FeaturedOutput } from '../model/classifier';
import {
  chooseGrouping,
  proposeGroupings,
  scoreFromOutputs,
  uniqueGroups,
  type StrokeGroup,
} from '../number';
import type { StrokeHistory } from '../pad/strokeHistory';
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
  /** What the ink's shape says before any model: too small to read, a lying line, or readable. */
  readonly ink: InkShape;
  /** What the page says of it, by the model's own "not a digit" threshold when it has one. */
  readonly verdict: ReadingVerdict;
  /** The network's penultimate features for it: what adapting to a person compares. */
  readonly features?: Float32Array;
  /** The model's own outputs, when `outputs` are adapted to the person. */
  readonly modelOutputs?: Float32Array;
}

export interface Recognition {
  /** Finished strokes this result reflects: the contract's `data-strokes`. */
  readonly strokes: number;
  /** One reading per digit on the pad, left to right; none when there is no ink to read. */
  readonly readings: readonly Reading[];
}

export const NO_RECOGNITION: Recognition = { strokes: 0, readings: [] };

/**
 * The recognition answers the pad as it is: no stroke under the pen, and every finished stroke
 * read. Only such an answer is judged, or shown further (Compare, Look inside).
 */
export const answersThePad = (
  pad: Pick<StrokeHistory, 'active' | 'strokes'>,
  recognition: Pick<Recognition, 'strokes'>,
) => pad.active === null && recognition.strokes === pad.strokes.length;

/** A reading before the model has answered. */
export type Unread = Pick<Reading, 'input' | 'ink'>;

/**
 * One group of strokes as the model will see it. The pen it is drawn with follows the group's
 * size (`readingLineWidth`): a small digit drawn with the pad's pen would be a blob. Ink the
 * raster cannot find at all (a speck) is read as a blank image, and is too small.
 */
export function unread(group: readonly Stroke[], padLineWidth: number, raster: Raster): Unread {
  const input = strokesToModelInput(group, readingLineWidth(group, padLineWidth), raster);
  return {
    input: input ?? new Float32Array(MNIST_PIXELS),
    ink: input === null ? 'too-small' : inkShape(group, padLineWidth),
  };
}

/** A group as read: its input, the size check, the outputs and features. */
type GroupRow = Unread & FeaturedOutput;

/**
 * The rows of the last update, by content, for one classifier: a stroke added to a number
 * changes only the groups it joins, so the other digits are neither drawn nor read again.
 * Kept by whoever keeps the raster (one per page), dropped with a change of model.
 */
export interface ReadingMemo {
  classifier: Classifier | null;
  rows: Map<string, GroupRow>;
}

export const createReadingMemo = (): ReadingMemo => ({ classifier: null, rows: new Map() });

/** FNV-1a over a stroke's points at 1/100 px: equal strokes, equal prints. */
function strokePrint(stroke: Stroke): string {
  let hash = 0x811c9dc5;
  for (const { x, y } of stroke)
    for (const value of [Math.round(x * 100), Math.round(y * 100)])
      hash = Math.imul(hash ^ value, 0x01000193);
  return `${stroke.length}.${(hash >>> 0).toString(36)}`;
}

/** Rows for `keys`: those the memo holds, and the rest read now in one model call. */
async function rowsFor(
  keys: readonly string[],
  toRead: (key: string) => Unread,
  classifier: Classifier,
  memo: ReadingMemo,
): Promise<Map<string, GroupRow>> {
  if (memo.classifier !== classifier) memo.rows = new Map();
  const missing = [...new Set(keys)].filter((key) => !memo.rows.has(key));
  const unreadRows = missing.map(toRead);
  const read =
    missing.length > 0 ? await classifier.classifyWithFeatures(unreadRows.map((u) => u.input)) : [];
  const rows = new Map(keys.map((key) => [key, memo.rows.get(key)!]));
  missing.forEach((key, i) => rows.set(key, { ...unreadRows[i], ...read[i] }));
  Object.assign(memo, { classifier, rows });
  return rows;
}

/**
 * Reads every digit on the pad with at most one model call. The strokes are cut into digits in
 * a few candidate ways (`proposeGroupings`, geometry alone); every distinct group of every
 * candidate not read in the last update is one batch row; the candidate whose digits the model
 * believes most is the answer, its groups the digits left to right (`chooseGrouping`).
 */
export async function recognise(
  snapshot: DrawingSnapshot,
  classifier: Classifier,
  raster: Raster,
  memo: ReadingMemo = createReadingMemo(),
): Promise<Recognition> {
  const { strokes, lineWidth, finishedStrokes } = snapshot;
  if (strokes.length === 0) return { strokes: finishedStrokes, readings: [] };
  const candidates = proposeGroupings(strokes);
  const prints = strokes.map(strokePrint);
  const keyOf = (group: StrokeGroup) => `${lineWidth}|${group.map((index) => prints[index]).join('+')}`;
  const groupOf = new Map(uniqueGroups(candidates).map((group) => [keyOf(group), group]));
  const toRead = (key: string) => unread(strokesOf(groupOf.get(key)!, strokes), lineWidth, raster);
  const rows = await rowsFor([...groupOf.keys()], toRead, classifier, memo);
  const rowOf = (group: StrokeGroup) => rows.get(keyOf(group))!;
  const chosen = chooseGrouping(candidates, (group) => scoreFromOutputs(rowOf(group).outputs));
  const { notDigit } = classifier.outputs;
  return {
    strokes: finishedStrokes,
    readings: chosen.groups.map((group) => {
      const { input, ink, outputs, features } = rowOf(group);
      return { input, outputs, ink, verdict: judge({ outputs, ink }, notDigit), features };
    }),
  };
}

const strokesOf = (group: StrokeGroup, strokes: readonly Stroke[]) => group.map((index) => strokes[index]);
