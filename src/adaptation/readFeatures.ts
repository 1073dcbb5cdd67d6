/**
 * What the model makes of the saved drawings, read again for the memory (after a reload, or with
 * another model). In the later chunk with the memory: a page with nothing to learn from never
 * needs it.
 */
import type { SavedDrawing } from '../history/types';
import type { Classifier } from '../model/classifier';
import type { Raster } from '../recognition/modelInput';
import { unread } from '../recognition/recognise';

/** Drawings read per model call when rebuilding the memory: each batch is a few ms, never a long task. */
const BATCH = 16;

/** What the model itself made of a drawing: its penultimate features and its outputs. */
export interface ModelView {
  readonly features: Float32Array;
  readonly outputs: Float32Array;
}

/** Reads `missing` drawings through `classifier`, a batch per task, into `cache`. */
export async function readFeatures(
  classifier: Classifier,
  missing: readonly SavedDrawing[],
  cache: Map<number, ModelView>,
  raster: Raster,
  isCurrent: () => boolean,
): Promise<void> {
  for (let i = 0; i < missing.length && isCurrent(); i += BATCH) {
    // Read as the page reads a drawing (its own pen width follows its size); a speck is left out.
    const drawn = missing
      .slice(i, i + BATCH)
      .map((d) => ({ id: d.id, ...unread(d.strokes, d.penWidth, raster) }))
      .filter((d) => d.ink !== 'too-small');
    const read = await classifier.classifyWithFeatures(drawn.map((d) => d.input));
    const views = read.map((r) => ({ features: r.features, outputs: r.outputs }));
    if (isCurrent()) drawn.forEach((d, n) => cache.set(d.id, views[n]));
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page draw between batches
  }
}
