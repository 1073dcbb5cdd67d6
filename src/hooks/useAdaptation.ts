import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelView } from '../adaptation/readFeatures';
import type { SavedDrawing, Settings } from '../history/types';
import type { Classifier } from '../model/classifier';
import type { NotDigitScore } from '../model/catalog';
import { createRaster, type Raster } from '../recognition/modelInput';
import type { Recognition } from '../recognition/recognise';
import { judge } from '../recognition/verdict';

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

export type { ModelView };

/** The drawings the memory learns from: those saved since the last "Forget my handwriting". */
const learnedFrom = (drawings: readonly SavedDrawing[], settings: Settings) =>
  drawings.filter((d) => d.savedAt >= (settings.forgetBefore ?? 0));

/**
 * Features of every saved drawing, for the current classifier, read in the background as needed
 * (once `code`, the later chunk, is here).
 */
function useFeatureCache(
  classifier: Classifier | null,
  drawings: readonly SavedDrawing[],
  code: MemoryCode | null,
) {
  const [cache, setCache] = useState(() => ({ of: classifier, features: new Map<number, ModelView>() }));
  const [version, setVersion] = useState(0);
  const raster = useRef<Raster | null>(null);
  if (cache.of !== classifier) setCache({ of: classifier, features: new Map() }); // another model, other features
  useEffect(() => {
    const missing = drawings.filter((d) => !cache.features.has(d.id));
    if (code === null || classifier === null || cache.of !== classifier || missing.length === 0) return;
    let current = true;
    const reading = (raster.current ??= createRaster());
    code
      .readFeatures(classifier, missing, cache.features, reading, () => current)
      .then(() => current && setVersion((v) => v + 1))
      .catch(() => undefined); // a drawing that cannot be read is left out, and the model's own failure shows elsewhere
    return () => {
      current = false;
    };
  }, [code, classifier, drawings, cache]);
  const remember = useCallback(
    (id: number, seen: ModelView) => {
      cache.features.set(id, seen);
      setVersion((v) => v + 1);
    },
    [cache],
  );
  return { features: cache.features, version, remember };
}

/** Outputs adapted to the memory, from the reading's own outputs and features. */
type AdaptOutputs = (outputs: Float32Array, features: Float32Array) => Float32Array;

/** The recognition with each reading's outputs adapted, and judged again from them. */
function adaptedRecognition(
  recognition: Recognition,
  adapt: AdaptOutputs,
  notDigit: NotDigitScore | null,
): Recognition {
  const readings = recognition.readings.map((reading) => {
    if (!reading.features) return reading;
    const outputs = adapt(reading.outputs, reading.features);
    const verdict = judge({ outputs, ink: reading.ink }, notDigit);
    return { ...reading, outputs, modelOutputs: reading.outputs, verdict };
  });
  return { ...recognition, readings };
}

type MemoryCode = Pick<typeof import('../later'), 'adapt' | 'createMemory' | 'readFeatures'>;

/**
 * The memory's code, in the later chunk, fetched once there is a drawing to learn from: the
 * first answer never waits for it.
 */
function useMemoryCode(needed: boolean): MemoryCode | null {
  const [code, setCode] = useState<MemoryCode | null>(null);
  useEffect(() => {
    // Not fetched (offline before it was ever cached): the answers stay the model's own.
    if (needed) import('../later').then(setCode, () => undefined);
  }, [needed]);
  return code;
}

/** The memory of the learned drawings read so far, and how to adapt to it (null until its code is here). */
function useMemory(
  learned: readonly SavedDrawing[],
  cache: ReturnType<typeof useFeatureCache>,
  code: MemoryCode | null,
) {
  const { features, version } = cache;
  return useMemo(() => {
    void version; // the cache is mutable; `version` says when it grew
    if (code === null) return { examples: 0, adapt: null };
    const known = learned.filter((d) => features.has(d.id));
    const memory = code.createMemory(known.map((d) => ({ ...features.get(d.id)!, label: d.label })));
    const adapt: AdaptOutputs = (outputs, seen) => code.adapt(outputs, seen, memory);
    return { examples: memory.labels.length, adapt };
  }, [code, learned, features, version]);
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
  const code = useMemoryCode(learned.length > 0);
  const cache = useFeatureCache(classifier, learned, code);
  const { examples, adapt } = useMemory(learned, cache, code);
  const enabled = settings.adapt ?? examples > 0;
  const notDigit = classifier?.outputs.notDigit ?? null;
  const apply = useCallback(
    (recognition: Recognition) =>
      enabled && adapt !== null && examples > 0
        ? adaptedRecognition(recognition, adapt, notDigit)
        : recognition,
    [enabled, examples, adapt, notDigit],
  );
  const { remember } = cache;
  return useMemo(() => ({ enabled, examples, apply, remember }), [enabled, examples, apply, remember]);
}
