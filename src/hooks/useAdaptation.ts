import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelView } from '../adaptation/readFeatures';
import type { FittedLayer, Tuner } from '../adaptation/tuner';
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
  /** Drawings the output layer was last fitted on (in a worker: a moment behind `examples`). */
  readonly tuned: number;
  /** The memory's vote weight the worker chose for this person with that fit; null before one. */
  readonly voteWeight: number | null;
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

/** Outputs adapted to the person, from the reading's own outputs and features. */
type AdaptOutputs = (outputs: Float32Array, features: Float32Array) => Float32Array;

/** A learned drawing as the memory and the tuned layer take it: what the model made of it, and its label. */
type Example = ModelView & { readonly label: number };

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

type MemoryCode = Pick<
  typeof import('../later'),
  'ADAPT_DEFAULTS' | 'adapt' | 'memoryOfReadings' | 'readFeatures' | 'tunedOutputs' | 'createTuner'
>;

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

/** The learned drawings the model has been read on so far, as the memory and the layer learn from them. */
function useKnownExamples(learned: readonly SavedDrawing[], cache: ReturnType<typeof useFeatureCache>) {
  const { features, version } = cache;
  return useMemo(() => {
    void version; // the cache is mutable; `version` says when it grew
    return learned.filter((d) => features.has(d.id)).map((d) => ({ ...features.get(d.id)!, label: d.label }));
  }, [learned, features, version]);
}

/**
 * The output layer fitted to `examples` in a Web Worker: the latest fit done (of these or of
 * fewer drawings), null before the first or once forgotten. The memory adapts meanwhile.
 */
function useOutputLayerFit(examples: readonly Example[], code: MemoryCode | null): FittedLayer | null {
  const [fitted, setFitted] = useState<FittedLayer | null>(null);
  const tuner = useRef<Tuner | null>(null);
  useEffect(() => {
    if (code === null) return;
    tuner.current = code.createTuner(setFitted);
    return () => {
      tuner.current?.stop();
      tuner.current = null;
    };
  }, [code]);
  useEffect(() => tuner.current?.request(examples), [examples, code]);
  return examples.length === 0 ? null : fitted;
}

/**
 * How to adapt to the learned drawings (null until the code is here): the tuned layer, then the
 * memory, whose vote weighs what the worker chose for this person with the fit (the default
 * until the first fit). The memory is built once per set of drawings, not again when a fit
 * arrives: it keeps the vote weights it has worked out.
 */
function useAdapter(examples: readonly Example[], fitted: FittedLayer | null, code: MemoryCode | null) {
  const memory = useMemo(() => code?.memoryOfReadings(examples) ?? null, [code, examples]);
  return useMemo(() => {
    if (code === null || memory === null) return null;
    const options = { ...code.ADAPT_DEFAULTS, weight: fitted?.voteWeight ?? code.ADAPT_DEFAULTS.weight };
    const adapt: AdaptOutputs = (outputs, seen) => {
      const tuned = fitted ? code.tunedOutputs(fitted.fit, fitted.exampleFeatures, outputs, seen) : outputs;
      return code.adapt(tuned, seen, memory, options);
    };
    return adapt;
  }, [code, memory, fitted]);
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
  const known = useKnownExamples(learned, cache);
  const fitted = useOutputLayerFit(known, code);
  const adapt = useAdapter(known, fitted, code);
  const tuned = fitted?.exampleFeatures.length ?? 0;
  const voteWeight = fitted?.voteWeight ?? null;
  const examples = code === null ? 0 : known.length;
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
  return useMemo(
    () => ({ enabled, examples, tuned, voteWeight, apply, remember }),
    [enabled, examples, tuned, voteWeight, apply, remember],
  );
}
