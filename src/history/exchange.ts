/**
 * The saved drawings as a pen-data file (the format of `data/pendigits`, `src/digit/penData.ts`),
 * so `npm run train -- --pen-data my-drawings.json` learns from them, and such a file back.
 * The format keeps label, writer, split, index and strokes: the pad's size and pen come back from
 * the strokes' own extent, and an imported drawing has no answer to count in the score.
 */
import { formatPenData, inkExtent, parsePenData, type PenSample, type Stroke } from '../digit';
import { lineWidthForPad } from '../pad/padGeometry';
import type { NewDrawing, SavedDrawing } from './types';

/** The writer and split an exported row names: one person, this page. */
export const EXPORT_WRITER = 'me';
export const EXPORT_SPLIT = 'digitpad';
/** An imported digit fills this share of the pad it is said to be drawn on (the e2e suite's tidy digit). */
const IMPORTED_FILL = 0.6;

/** Oldest first, as a data set reads; `index` is the drawing's id on this device. */
export function exportDrawings(drawings: readonly SavedDrawing[]): string {
  const samples: PenSample[] = [...drawings]
    .sort((a, b) => a.savedAt - b.savedAt || a.id - b.id)
    .map((d) => ({
      label: d.label,
      writer: EXPORT_WRITER,
      split: EXPORT_SPLIT,
      index: d.id,
      strokes: d.strokes,
    }));
  return formatPenData(samples);
}

/** Strokes moved so their ink starts at (0, 0) plus a margin of `margin`. */
function shifted(strokes: readonly Stroke[], margin: number): Stroke[] {
  const xs = strokes.flat().map((p) => p.x);
  const ys = strokes.flat().map((p) => p.y);
  const [dx, dy] = [margin - Math.min(...xs), margin - Math.min(...ys)];
  return strokes.map((stroke) => stroke.map((p) => ({ x: p.x + dx, y: p.y + dy })));
}

/** A pen sample as a drawing on a pad it fills to `IMPORTED_FILL`, at the pad's own pen. */
function asDrawing(sample: PenSample, modelId: string, savedAt: number): NewDrawing {
  const extent = Math.max(inkExtent(sample.strokes), 1);
  const padSide = extent / IMPORTED_FILL;
  const strokes = shifted(sample.strokes, (padSide - extent) / 2);
  return {
    strokes,
    padSide,
    penWidth: lineWidthForPad(padSide),
    label: sample.label,
    predicted: null,
    probabilities: [],
    modelId,
    savedAt,
  };
}

const strokesKey = (strokes: readonly Stroke[]) =>
  JSON.stringify(strokes.map((s) => s.map((p) => [p.x, p.y])));

/**
 * The drawings a pen-data file adds: every row checked first (a bad row throws `PenDataError`
 * naming it, and nothing is added), rows already kept (same label and strokes) skipped, so
 * importing an export twice adds nothing.
 */
export function importDrawings(
  text: string,
  kept: readonly SavedDrawing[],
  modelId: string,
  now: number,
): NewDrawing[] {
  const samples = parsePenData(text, 'digit');
  const seen = new Set(kept.map((d) => `${d.label}:${strokesKey(shifted(d.strokes, 0))}`));
  const fresh = samples.filter((s) => {
    const key = `${s.label}:${strokesKey(shifted(s.strokes, 0))}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return fresh.map((sample, i) => asDrawing(sample, modelId, now + i));
}
