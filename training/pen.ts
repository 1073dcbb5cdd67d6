/**
 * Real pen trajectories (UCI "Pen-Based Recognition of Handwritten Digits", Alpaydin & Alimoglu,
 * 1998, CC BY 4.0), drawn the way the app draws strokes and preprocessed by the app's own code.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import {
  drawStrokes,
  inkFromRgba,
  normalizeInk,
  parsePenData,
  PenDataError,
  planRaster,
  strokeBounds,
  type PenSample,
} from '../src/digit';
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

/** Reads and checks a pen-data file of digits; a bad file or row fails naming the file and the row. */
export async function loadPenDigits(path: string): Promise<PenDigit[]> {
  const text = new TextDecoder().decode(await readDataFile(path));
  try {
    return parsePenData(text, 'digit');
  } catch (error) {
    if (error instanceof PenDataError) throw new DataFileError(path, error.message);
    throw error;
  }
}

export function byWriters(digits: readonly PenDigit[], writers: readonly (number | string)[]): PenDigit[] {
  const wanted = new Set<number | string>(writers);
  return digits.filter((digit) => wanted.has(digit.writer));
}

let canvas: Canvas | undefined;

/**
 * The 28x28 input the app would compute for this digit, drawn with a pen whose width is
 * `penRatio` times the digit's longer side (the app's pen is ~4.5% of the pad, and people draw
 * digits filling 30-90% of it, so 0.05 to 0.15).
 */
export function renderPenDigit(digit: PenDigit, penRatio: number): Float32Array | null {
  const bounds = strokeBounds(digit.strokes);
  if (!bounds) return null;
  const extent = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 1);
  const lineWidth = penRatio * extent;
  const plan = planRaster(digit.strokes, lineWidth);
  if (!plan) return null;
  // One canvas, reused: creating a canvas costs more than drawing a digit on it.
  canvas ??= createCanvas(plan.width, plan.height);
  canvas.width = plan.width; // also clears it
  canvas.height = plan.height;
  const context = canvas.getContext('2d');
  drawStrokes(context, digit.strokes, lineWidth, plan);
  const pixels = context.getImageData(0, 0, plan.width, plan.height);
  return normalizeInk(inkFromRgba(pixels, 'alpha'));
}

/** Pen widths the reported pen accuracy averages over: large, medium and small drawings. */
export const EVAL_PEN_RATIOS = [0.06, 0.09, 0.13];
