/**
 * Real pen trajectories (UCI "Pen-Based Recognition of Handwritten Digits", Alpaydin & Alimoglu,
 * 1998, CC BY 4.0), drawn the way the app draws strokes and preprocessed by the app's own code.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import {
  drawStrokes,
  inkExtent,
  inkFromRgba,
  normalizeInk,
  parsePenData,
  PenDataError,
  planRaster,
  readingLineWidth,
  strokeBounds,
  type PenLabel,
  type PenSample,
  type Stroke,
} from '../src/digit';
import { lineWidthForPad } from '../src/pad/padGeometry';
import { DataFileError, readDataFile } from './idx';

/** A real pen digit of one writer, as the pen-data format holds it. */
export type PenDigit = PenSample<number>;

/** Writers 1-20 may be trained on, 21-24 tune, 25-30 are only ever used for the reported figure. */
export const PEN_WRITERS = {
  train: range(1, 20),
  tune: range(21, 24),
  test: range(25, 30),
} as const;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Reads and checks a pen-data file; a bad file or row fails naming the file and the row. */
export async function loadPenData(path: string, kind: 'digit'): Promise<PenSample<number>[]>;
export async function loadPenData(path: string, kind: 'letter'): Promise<PenSample<string>[]>;
export async function loadPenData(path: string, kind: 'digit' | 'letter'): Promise<PenSample<PenLabel>[]> {
  const text = new TextDecoder().decode(await readDataFile(path));
  try {
    return kind === 'digit' ? parsePenData(text, 'digit') : parsePenData(text, 'letter');
  } catch (error) {
    if (error instanceof PenDataError) throw new DataFileError(path, error.message);
    throw error;
  }
}

/** Reads and checks a pen-data file of digits. */
export const loadPenDigits = (path: string): Promise<PenDigit[]> => loadPenData(path, 'digit');

export function byWriters(digits: readonly PenDigit[], writers: readonly (number | string)[]): PenDigit[] {
  const wanted = new Set<number | string>(writers);
  return digits.filter((digit) => wanted.has(digit.writer));
}

let canvas: Canvas | undefined;

/** The 28x28 input the app computes for these strokes drawn with this line width (stroke units). */
export function renderStrokes(strokes: readonly Stroke[], lineWidth: number): Float32Array | null {
  const plan = planRaster(strokes, lineWidth);
  if (!plan) return null;
  // One canvas, reused: creating a canvas costs more than drawing a digit on it.
  canvas ??= createCanvas(plan.width, plan.height);
  canvas.width = plan.width; // also clears it
  canvas.height = plan.height;
  const context = canvas.getContext('2d');
  drawStrokes(context, strokes, lineWidth, plan);
  const pixels = context.getImageData(0, 0, plan.width, plan.height);
  return normalizeInk(inkFromRgba(pixels, 'alpha'));
}

/** What the page reads for strokes drawn on a pad whose pen is `padLineWidth` wide (`readingLineWidth`). */
export function renderAsThePageReads(strokes: readonly Stroke[], padLineWidth: number): Float32Array | null {
  return renderStrokes(strokes, readingLineWidth(strokes, padLineWidth));
}

/**
 * The 28x28 input the app would compute for this sample, drawn with a pen whose width is
 * `penRatio` times its longer side (the app's pen is ~4.5% of the pad, and people draw digits
 * filling 30-90% of it, so 0.05 to 0.15).
 */
export function renderPenDigit(digit: PenSample<PenLabel>, penRatio: number): Float32Array | null {
  return renderStrokes(digit.strokes, penForRatio(digit, penRatio));
}

/** The width of a pen `penRatio` times the sample's longer side (stroke units). */
export const penForRatio = (sample: PenSample<PenLabel>, penRatio: number) =>
  penRatio * Math.max(inkExtent(sample.strokes), 1);

/**
 * The sample as a person would draw it `height` px tall on a square pad of side `padSide` (the
 * pad's own pen width), and as the page then reads it.
 */
export function renderAtHeight(
  sample: PenSample<PenLabel>,
  height: number,
  padSide: number,
): Float32Array | null {
  const strokes = scaledToHeight(sample, height);
  return strokes && renderAsThePageReads(strokes, lineWidthForPad(padSide));
}

/** The sample's strokes scaled to be `height` px tall, from the origin; null for no points. */
export function scaledToHeight(sample: PenSample<PenLabel>, height: number): Stroke[] | null {
  const bounds = strokeBounds(sample.strokes);
  if (!bounds) return null;
  const scale = height / Math.max(1, bounds.maxY - bounds.minY);
  return sample.strokes.map((stroke) =>
    stroke.map((p) => ({ x: (p.x - bounds.minX) * scale, y: (p.y - bounds.minY) * scale })),
  );
}

/** Pen widths the reported pen accuracy averages over: large, medium and small drawings. */
export const EVAL_PEN_RATIOS = [0.06, 0.09, 0.13];
