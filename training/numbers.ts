/**
 * Numbers read as the page will read them: strokes proposed into groups, every distinct group
 * drawn and preprocessed by the page's own code and read in one model call, the best grouping
 * chosen. And the figures of a set of composed numbers read that way.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_PIXELS, type Stroke } from '../src/digit';
import { predictOutputs } from '../src/learning/evaluate';
import { readRow } from '../src/learning/openSet';
import {
  chooseGrouping,
  groupKey,
  proposeGroupings,
  scoreFromOutputs,
  uniqueGroups,
  type ChooseOptions,
  type SegmentOptions,
  type StrokeGroup,
} from '../src/number';
import type { ComposedNumber } from '../src/number/composeNumber';
import { lineWidthForPad } from '../src/pad/padGeometry';
import { renderAsThePageReads } from './pen';

/** Model outputs for each group of strokes, one row each: one model call. */
export type ReadGroups = (groups: readonly (readonly Stroke[])[]) => Promise<(readonly number[])[]>;

/** Reads groups as the page does, drawn with the pen of a pad whose shorter side is `padSide`. */
export function modelReader(model: LayersModel, padSide: number): ReadGroups {
  const padLineWidth = lineWidthForPad(padSide);
  return async (groups) => {
    const inputs = new Float32Array(groups.length * MNIST_PIXELS);
    groups.forEach((group, i) => {
      const input = renderAsThePageReads(group, padLineWidth);
      // Ink the raster cannot find is read as a blank image, as the page reads it.
      if (input) inputs.set(input, i * MNIST_PIXELS);
    });
    const { outputs, width } = await predictOutputs(model, inputs, groups.length, Math.max(1, groups.length));
    return groups.map((_, i) => readRow(outputs, width, i).outputs);
  };
}

export interface NumberReading {
  /** The chosen groups, left to right, and the digit read for each. */
  readonly groups: readonly StrokeGroup[];
  readonly digits: readonly number[];
  /** Candidate groupings proposed, and distinct groups read (batch rows). */
  readonly candidates: number;
  readonly rows: number;
}

export interface ReadOptions {
  readonly segment?: SegmentOptions;
  readonly choose?: ChooseOptions;
}

/** Reads the number on the pad: propose, read every distinct group in one call, choose. */
export async function readNumber(
  strokes: readonly Stroke[],
  read: ReadGroups,
  options: ReadOptions = {},
): Promise<NumberReading> {
  const candidates = proposeGroupings(strokes, options.segment);
  const groups = uniqueGroups(candidates);
  const rows = await read(groups.map((group) => group.map((s) => strokes[s])));
  const byKey = new Map(groups.map((group, i) => [groupKey(group), rows[i]]));
  const outputsOf = (group: StrokeGroup) => byKey.get(groupKey(group)) as readonly number[];
  const chosen = chooseGrouping(candidates, (group) => scoreFromOutputs(outputsOf(group)), options.choose);
  return {
    groups: chosen.groups,
    digits: chosen.groups.map((group) => readRow(outputsOf(group), outputsOf(group).length, 0).digit),
    candidates: candidates.length,
    rows: groups.length,
  };
}

/** A composed number, how it was read, and how each of its digits reads alone. */
export interface NumberOutcome {
  readonly number: ComposedNumber;
  readonly reading: NumberReading;
  readonly alone: readonly number[];
}

/** Reads each number, and each of its digits alone (their strokes as placed, read in batches). */
export async function readNumbers(
  numbers: readonly ComposedNumber[],
  read: ReadGroups,
  options: ReadOptions = {},
): Promise<NumberOutcome[]> {
  const readings: NumberReading[] = [];
  for (const number of numbers) readings.push(await readNumber(number.strokes, read, options));
  const digitGroups = numbers.flatMap((n) => n.digitStrokes.map((group) => group.map((s) => n.strokes[s])));
  const aloneRows: (readonly number[])[] = [];
  for (let start = 0; start < digitGroups.length; start += 500)
    aloneRows.push(...(await read(digitGroups.slice(start, start + 500))));
  let next = 0;
  return numbers.map((number, i) => ({
    number,
    reading: readings[i],
    alone: number.digits.map(() => readRow(aloneRows[next], aloneRows[next++].length, 0).digit),
  }));
}

const shareOf = <T>(items: readonly T[], test: (item: T) => boolean) =>
  items.length ? items.filter(test).length / items.length : NaN;

const rightCount = ({ number, reading }: NumberOutcome) => reading.groups.length === number.digits.length;
const exactlyRight = ({ number, reading }: NumberOutcome) =>
  reading.digits.join('') === number.digits.join('');

/** Each true digit: read right inside its number (its own strokes one group, read as it), and alone. */
function digitResults({ number, reading, alone }: NumberOutcome) {
  const readAs = new Map(reading.groups.map((group, g) => [groupKey(group), reading.digits[g]]));
  return number.digits.map((label, d) => ({
    inside: readAs.get(groupKey(number.digitStrokes[d])) === label,
    alone: alone[d] === label,
  }));
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** The figures of a set of numbers read: count found, digit accuracy inside and alone, exact numbers. */
export function numberFigures(outcomes: readonly NumberOutcome[]) {
  const digits = outcomes.flatMap(digitResults);
  const delayed = outcomes.filter((o) => o.number.delayedStroke);
  const rows = outcomes.map((o) => o.reading.rows);
  return {
    numbers: outcomes.length,
    rightCount: shareOf(outcomes, rightCount),
    exactlyRight: shareOf(outcomes, exactlyRight),
    digits: digits.length,
    digitAccuracyInside: shareOf(digits, (d) => d.inside),
    digitAccuracyAlone: shareOf(digits, (d) => d.alone),
    delayedStroke: { numbers: delayed.length, rightCount: shareOf(delayed, rightCount) },
    batchRows: { median: quantile(rows, 0.5), p95: quantile(rows, 0.95), max: Math.max(...rows) },
    candidates: { max: Math.max(...outcomes.map((o) => o.reading.candidates)) },
  };
}
