import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { adapt, createMemory, topDigit, type Memory } from '../adaptation/memory';
import type { SavedDrawing, Settings } from '../history/types';
import type { Classifier } from '../model/classifier';
import type { NotDigitScore } from '../model/catalog';
import { createRaster, type Raster } from '../recognition/modelInput';
import { unread, type Recognition } from '../recognition/recognise';
import { judge } from '../recognition/verdict';

/** Drawings read per model call when rebuilding the memory: each batch is a few ms, never a long task. */
const BATCH = 16;

export interface Adaptation {
  /** The checkbox: the person's choice, else on once there is something to adapt to. */
  readonly enabled: boolean;
  /** Drawings the memory holds now. */
  readonly examples: number;
  /** The recognition as the page shows it: adapted when enabled. */
  apply(recognition: Recognition): Recognition;
  /** What the model made of a drawing just saved, from the answer it was saved with: adapting is instant. */
  remember(id: number, seen: ModelView): void;
}

/** What the model itself made of a drawing: its penultimate features and its own top digit. */
export interface ModelView {
  readonly features: Float32Array;
  readonly read: number;
}

/** The drawings the memory learns from: those saved since the last "Forget my handwriting". */
const learnedFrom = (drawings: readonly SavedDrawing[], settings: Settings) =>
  drawings.filter((d) => d.savedAt >= (settings.forgetBefore ?? 0));

/** Reads `missing` drawings through `classifier`, a batch per task, into `cache`. */
async function readModelViews(
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
      .filter((d) => !d.tooSmall);
    const read = await classifier.classifyWithFeatures(drawn.map((d) => d.input));
    const views = read.map((r) => ({ features: r.features, read: topDigit(r.outputs) }));
    if (isCurrent()) drawn.forEach((d, n) => cache.set(d.id, views[n]));
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page draw between batches
  }
}

/** Features of every saved drawing, for the current classifier, read in the background as needed. */
function useModelViews(classifier: Classifier | null, drawings: readonly SavedDrawing[]) {
  const [cache, setCache] = useState(() => ({ of: classifier, views: new Map<number, ModelView>() }));
  const [version, setVersion] = useState(0);
  const raster = useRef<Raster | null>(null);
  if (cache.of !== classifier) setCache({ of: classifier, views: new Map() }); // another model, other features
  useEffect(() => {
    const missing = drawings.filter((d) => !cache.views.has(d.id));
    if (classifier === null || cache.of !== classifier || missing.length === 0) return;
    let current = true;
    readModelViews(classifier, missing, cache.views, (raster.current ??= createRaster()), () => current)
      .then(() => current && setVersion((v) => v + 1))
      .catch(() => undefined); // a drawing that cannot be read is left out, and the model's own failure shows elsewhere
    return () => {
      current = false;
    };
  }, [classifier, drawings, cache]);
  const remember = useCallback(
    (id: number, seen: ModelView) => {
      cache.views.set(id, seen);
      setVersion((v) => v + 1);
    },
    [cache],
  );
  return { views: cache.views, version, remember };
}

/** The recognition with each reading's outputs adapted, and judged again from them. */
function adaptedRecognition(
  recognition: Recognition,
  memory: Memory,
  notDigit: NotDigitScore | null,
): Recognition {
  const readings = recognition.readings.map((reading) => {
    if (!reading.features) return reading;
    const outputs = adapt(reading.outputs, reading.features, memory);
    const verdict = judge({ outputs, tooSmall: reading.tooSmall }, notDigit);
    return { ...reading, outputs, modelOutputs: reading.outputs, verdict };
  });
  return { ...recognition, readings };
}

/**
 * Adapting the answers to the person's own drawings: a memory of their features, rebuilt from the
 * kept drawings (so it survives a reload, a relabel or a delete), applied to each recognition.
 */
export function useAdaptation(
  classifier: Classifier | null,
  drawings: readonly SavedDrawing[],
  settings: Settings,
): Adaptation {
  const learned = useMemo(() => learnedFrom(drawings, settings), [drawings, settings]);
  const { views, version, remember } = useModelViews(classifier, learned);
  const memory = useMemo(() => {
    void version; // the cache is mutable; `version` says when it grew
    const known = learned.filter((d) => views.has(d.id));
    return createMemory(known.map((d) => ({ ...views.get(d.id)!, label: d.label })));
  }, [learned, views, version]);
  const examples = memory.labels.length;
  const enabled = settings.adapt ?? examples > 0;
  const notDigit = classifier?.outputs.notDigit ?? null;
  const apply = useCallback(
    (recognition: Recognition) =>
      enabled && examples > 0 ? adaptedRecognition(recognition, memory, notDigit) : recognition,
    [enabled, examples, memory, notDigit],
  );
  return useMemo(() => ({ enabled, examples, apply, remember }), [enabled, examples, apply, remember]);
}
