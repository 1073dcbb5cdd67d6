/**
 * Real pen trajectories (UCI "Pen-Based Recognition of Handwritten Digits", Alpaydin & Alimoglu,
 * 1998, CC BY 4.0), drawn the way the app draws strokes and preprocessed by the app's own code.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { inkFromRgba } from '../src/digit/inkImage';
import { normalizeInk } from '../src/digit/preprocess';
import { drawStrokes, planRaster, strokeBounds } from '../src/digit/strokes';
import type { Stroke } from '../src/digit/types';
import { DataFileError, readDataFile } from './idx';

export interface PenDigit {
  readonly label: number;
  readonly writer: number;
  readonly strokes: readonly Stroke[];
}

/** Writers 1-20 may be trained on, 21-24 tune, 25-30 are only ever used for the reported figure. */
export const PEN_WRITERS = {
  train: range(1, 20),
  tune: range(21, 24),
  test: range(25, 30),
} as const;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export async function loadPenDigits(path: string): Promise<PenDigit[]> {
  const text = new TextDecoder().decode(await readDataFile(path));
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(path, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(records)) throw new DataFileError(path, 'expected a JSON array of digits');
  return records.map((record, index) => {
    const { label, writer, strokes } = (record ?? {}) as Record<string, unknown>;
    const valid =
      Number.isInteger(label) &&
      (label as number) >= 0 &&
      (label as number) <= 9 &&
      Number.isInteger(writer) &&
      Array.isArray(strokes) &&
      strokes.every(
        (stroke) =>
          Array.isArray(stroke) &&
          stroke.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite)),
      );
    if (!valid)
      throw new DataFileError(path, `record ${index} is not {label 0-9, writer, strokes: [[[x, y]]]}`);
    return {
      label: label as number,
      writer: writer as number,
      strokes: (strokes as [number, number][][]).map((stroke) => stroke.map(([x, y]) => ({ x, y }))),
    };
  });
}

export function byWriters(digits: readonly PenDigit[], writers: readonly number[]): PenDigit[] {
  const wanted = new Set(writers);
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
