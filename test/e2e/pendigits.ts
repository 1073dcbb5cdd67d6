import { readFile } from 'node:fs/promises';
import { createRandom, shuffled } from '../../src/learning/random';
import { PEN_WRITERS } from '../../training/pen';
import {
  parsePenData,
  PenDataError,
  type LabelKind,
  type PenLabel,
  type PenSample,
} from '../../src/digit/penData';
import { DIGIT_LIKE_LETTERS, ofGroup, unipenGroup } from '../../src/digit/writerSplit';
import { dataSetPath } from '../dataSets';
import type { PadPoint, Stroke } from './pointers';

/**
 * Real handwriting: the UCI pen digits trajectories (E. Alpaydin and F. Alimoglu, 1998,
 * DOI 10.24432/C5MG6K, CC BY 4.0), replayed onto the pad. Training uses writers 1-20 and tunes
 * on 21-24; only 25-30 are fair to measure on.
 */
const HELD_OUT_WRITERS = new Set<number | string>(PEN_WRITERS.test);

/** A pen digit as the shared pen-data module reads it (`src/digit/penData.ts`). */
export type PenDigit = PenSample<number>;

export function penDigitsPath(): string {
  return dataSetPath('pendigits');
}

/** Reads a pen-data file, checking its format so a wrong file fails here, by name and row. */
async function loadPenData(path: string, kind: 'digit'): Promise<PenSample<number>[]>;
async function loadPenData(path: string, kind: 'letter'): Promise<PenSample<string>[]>;
async function loadPenData(path: string, kind: LabelKind): Promise<PenSample<PenLabel>[]> {
  const text = await readFile(path, 'utf8');
  try {
    return kind === 'digit' ? parsePenData(text, 'digit') : parsePenData(text, 'letter');
  } catch (error) {
    if (error instanceof PenDataError) throw new Error(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Reads the pen digits file. */
export function loadPenDigits(path = penDigitsPath()): Promise<PenDigit[]> {
  return loadPenData(path, 'digit');
}

export function heldOut(digits: readonly PenDigit[]): PenDigit[] {
  return digits.filter(({ writer }) => HELD_OUT_WRITERS.has(writer));
}

/**
 * UNIPEN (train_r01_v07, doi:10.5281/zenodo.1195803, CC BY 4.0): digits and letters by 92 and
 * 102 writers on other tablets. Writers are split by a hash of their name
 * (`src/digit/writerSplit.ts`); only the `test` group is fair to measure on.
 */
export async function loadUnipenTestDigits(path = dataSetPath('unipenDigits')): Promise<PenDigit[]> {
  return ofGroup(await loadPenData(path, 'digit'), unipenGroup, 'test');
}

/** A UNIPEN letter: a one-letter string label. */
export type PenLetter = PenSample<string>;

/** Letters of UNIPEN's test writers that no reader would take for a digit (not `DIGIT_LIKE_LETTERS`). */
export async function loadUnipenTestLetters(path = dataSetPath('unipenLetters')): Promise<PenLetter[]> {
  const letters = ofGroup(await loadPenData(path, 'letter'), unipenGroup, 'test');
  return letters.filter(({ label }) => !DIGIT_LIKE_LETTERS.has(label));
}

/** The file's order, made independent of how the file happens to be sorted. */
const byIdentity = (a: PenSample<PenLabel>, b: PenSample<PenLabel>) =>
  String(a.writer).localeCompare(String(b.writer), 'en', { numeric: true }) ||
  String(a.label).localeCompare(String(b.label), 'en', { numeric: true, caseFirst: 'upper' }) ||
  (a.index ?? 0) - (b.index ?? 0);

/** `perDigit` digits of each class, chosen by `seed`, interleaved 0..9, 0..9, ... */
export function stratifiedSample(digits: readonly PenDigit[], perDigit: number, seed: number): PenDigit[] {
  const random = createRandom(seed);
  const classes = Array.from({ length: 10 }, (_, label) =>
    shuffled(digits.filter((digit) => digit.label === label).sort(byIdentity), random).slice(0, perDigit),
  );
  const missing = classes.findIndex((members) => members.length < perDigit);
  if (missing >= 0)
    throw new Error(`only ${classes[missing].length} pen digits of class ${missing}, need ${perDigit}`);
  return Array.from({ length: perDigit }, (_, round) => classes.map((members) => members[round])).flat();
}

/** Every sample, in a fixed order independent of the file's. */
export function inFixedOrder<Sample extends PenSample<PenLabel>>(samples: readonly Sample[]): Sample[] {
  return [...samples].sort(byIdentity);
}

/** `count` samples chosen by `seed` (all of them, shuffled, when there are fewer). */
export function seededSample<Sample extends PenSample<PenLabel>>(
  samples: readonly Sample[],
  count: number,
  seed: number,
): Sample[] {
  return shuffled(inFixedOrder(samples), createRandom(seed)).slice(0, count);
}

export interface Placement {
  /** Digit height as a fraction of the pad's shorter side. */
  readonly height: number;
  /** Where the digit's box sits in the room left for it: 0 = left/top edge, 1 = right/bottom. */
  readonly across: number;
  readonly down: number;
}

/** How big and where people draw: from a small digit in a corner to one that fills the pad. */
export const PLACEMENT_RANGE = { minHeight: 0.35, maxHeight: 0.85 } as const;

export function randomPlacement(random: () => number): Placement {
  const { minHeight, maxHeight } = PLACEMENT_RANGE;
  return { height: minHeight + random() * (maxHeight - minHeight), across: random(), down: random() };
}

/** The middle of the pad at 60% height: a tidy digit, for tests that compare input paths. */
export const TIDY_PLACEMENT: Placement = { height: 0.6, across: 0.5, down: 0.5 };

/** Keeps ink (the line is about 4.5% of the pad wide) off the pad's edge. */
const EDGE_MARGIN = 0.06;

/** The digit's strokes in pad CSS px, scaled and placed as `placement` says on a `width` x `height` pad. */
export function placeOnPad(
  digit: PenSample<PenLabel>,
  pad: { width: number; height: number },
  placement: Placement,
): Stroke[] {
  const points = digit.strokes.flat();
  const minX = Math.min(...points.map(({ x }) => x));
  const maxX = Math.max(...points.map(({ x }) => x));
  const minY = Math.min(...points.map(({ y }) => y));
  const maxY = Math.max(...points.map(({ y }) => y));
  const side = Math.min(pad.width, pad.height);
  const margin = EDGE_MARGIN * side;
  // Aspect kept; a wide digit is shrunk to fit rather than run off the pad.
  const scale = Math.min(
    (placement.height * side) / Math.max(1, maxY - minY),
    (pad.width - 2 * margin) / Math.max(1, maxX - minX),
    (pad.height - 2 * margin) / Math.max(1, maxY - minY),
  );
  const left = margin + placement.across * (pad.width - 2 * margin - (maxX - minX) * scale);
  const top = margin + placement.down * (pad.height - 2 * margin - (maxY - minY) * scale);
  return digit.strokes.map((stroke) =>
    stroke.map(({ x, y }) => ({ x: left + (x - minX) * scale, y: top + (y - minY) * scale })),
  );
}

/**
 * Adds points along each segment so none is longer than `maxStep` px. The tablet sampled every
 * 100 ms; a mouse reports far more often, and the pad should see what a mouse would send.
 */
export function densify(stroke: Stroke, maxStep: number): Stroke {
  const dense: PadPoint[] = [stroke[0]];
  for (let i = 1; i < stroke.length; i++) {
    const from = stroke[i - 1];
    const to = stroke[i];
    const parts = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / maxStep));
    for (let part = 1; part <= parts; part++) {
      dense.push({
        x: from.x + ((to.x - from.x) * part) / parts,
        y: from.y + ((to.y - from.y) * part) / parts,
      });
    }
  }
  return dense;
}

/** Intermediate moves no further apart than this, CSS px. */
export const MOUSE_STEP = 6;

/** A pen sample as the strokes to draw on a pad of this size, moves at most `maxStep` px apart. */
export function strokesFor(
  digit: PenSample<PenLabel>,
  pad: { width: number; height: number },
  placement: Placement,
  maxStep = MOUSE_STEP,
): Stroke[] {
  return placeOnPad(digit, pad, placement).map((stroke) => densify(stroke, maxStep));
}

export function describeDigit(sample: PenSample<PenLabel>): string {
  const what = typeof sample.label === 'number' ? 'digit' : 'letter';
  return `${what} ${sample.label} (writer ${sample.writer}, #${sample.index}, ${sample.strokes.length} stroke${sample.strokes.length > 1 ? 's' : ''})`;
}
