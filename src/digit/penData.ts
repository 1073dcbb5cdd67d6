/**
 * Pen data: handwriting as point sequences, one JSON format for every source of it. The UCI pen
 * digits and UNIPEN files in `data/` use it, training reads it (`--pen-data`), the end-to-end
 * tests replay it on the pad, and the page's own drawings are exported and imported in it.
 *
 *   [{ "label": 7, "writer": 3, "split": "tra", "index": 12, "strokes": [[[x, y], ...], ...] }, ...]
 *
 * `label` is a digit 0-9 (a one-letter string in the UNIPEN letters file); `writer` a number or a
 * string; `split` and `index` are optional; coordinates are finite numbers, y growing downwards.
 * Pure: parsing takes text, so Node, the browser and a worker share it.
 */
import type { Point, Stroke } from './types';

export type PenLabel = number | string;

export interface PenSample<Label extends PenLabel = number> {
  readonly label: Label;
  readonly writer: number | string;
  readonly split?: string;
  readonly index?: number;
  /** Pen-down..pen-up point lists, in writing order. */
  readonly strokes: readonly Stroke[];
}

/** A file, or one row of it, that is not pen data; `row` is 0-based, null for the whole file. */
export class PenDataError extends Error {
  override readonly name = 'PenDataError';
  constructor(
    readonly row: number | null,
    readonly reason: string,
  ) {
    super(row === null ? reason : `row ${row + 1}: ${reason}`);
  }
}

/** Which labels a file may hold. */
export type LabelKind = 'digit' | 'letter';

const LABEL_RULES: Record<LabelKind, { check: (label: unknown) => boolean; says: string }> = {
  digit: {
    check: (l) => Number.isInteger(l) && (l as number) >= 0 && (l as number) <= 9,
    says: 'a digit 0-9',
  },
  letter: { check: (l) => typeof l === 'string' && /^[A-Za-z]$/.test(l), says: 'one letter A-Z or a-z' },
};

const describe = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value).slice(0, 40));

function strokeProblem(stroke: unknown, s: number): string | null {
  if (!Array.isArray(stroke) || stroke.length === 0)
    return `stroke ${s + 1} is not a non-empty list of points`;
  const bad = stroke.findIndex(
    (p) =>
      !Array.isArray(p) || p.length !== 2 || !p.every((c) => typeof c === 'number' && Number.isFinite(c)),
  );
  return bad < 0 ? null : `stroke ${s + 1}, point ${bad + 1} is ${describe(stroke[bad])}, not [x, y] numbers`;
}

/** Why `value` is not a pen sample with a `kind` label, or null when it is one. */
export function rowProblem(value: unknown, kind: LabelKind = 'digit'): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const { label, writer, split, index, strokes } = value as Record<string, unknown>;
  if (!LABEL_RULES[kind].check(label)) return `label is ${describe(label)}, not ${LABEL_RULES[kind].says}`;
  if (!Number.isInteger(writer) && (typeof writer !== 'string' || writer === ''))
    return `writer is ${describe(writer)}, not a whole number or a name`;
  if (split !== undefined && typeof split !== 'string') return `split is ${describe(split)}, not text`;
  if (index !== undefined && !Number.isInteger(index))
    return `index is ${describe(index)}, not a whole number`;
  if (!Array.isArray(strokes) || strokes.length === 0) return 'strokes is not a non-empty list of strokes';
  for (const [s, stroke] of strokes.entries()) {
    const problem = strokeProblem(stroke, s);
    if (problem !== null) return problem;
  }
  return null;
}

function toSample<Label extends PenLabel>(row: Record<string, unknown>): PenSample<Label> {
  const strokes = (row.strokes as [number, number][][]).map((stroke) =>
    stroke.map(([x, y]): Point => ({ x, y })),
  );
  const sample = { label: row.label as Label, writer: row.writer as number | string, strokes };
  return {
    ...sample,
    ...(row.split === undefined ? {} : { split: row.split as string }),
    ...(row.index === undefined ? {} : { index: row.index as number }),
  };
}

/**
 * Parses a whole pen-data file, checking every row: the first bad row throws a `PenDataError`
 * that says which row and why, so a wrong file fails at once and by name.
 */
export function parsePenData(text: string, kind: 'digit'): PenSample<number>[];
export function parsePenData(text: string, kind: 'letter'): PenSample<string>[];
export function parsePenData(text: string, kind: LabelKind = 'digit'): PenSample<PenLabel>[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new PenDataError(null, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new PenDataError(null, 'not a JSON array of pen samples');
  return rows.map((row: unknown, index) => {
    const problem = rowProblem(row, kind);
    if (problem !== null) throw new PenDataError(index, problem);
    return toSample(row as Record<string, unknown>);
  });
}

/** The text of a pen-data file holding `samples`: what `parsePenData` reads back. */
export function formatPenData(samples: readonly PenSample<PenLabel>[]): string {
  const rows = samples.map(({ label, writer, split, index, strokes }) => ({
    label,
    writer,
    ...(split === undefined ? {} : { split }),
    ...(index === undefined ? {} : { index }),
    strokes: strokes.map((stroke) => stroke.map(({ x, y }) => [x, y])),
  }));
  return `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}
