import { useEffect, useRef, useState } from 'react';
import type { CatalogEntry } from '../model/catalog';
import type { Classifier, LayerActivation } from '../model/classifier';
import { createComparison, type Lent, type ModelAnswer } from '../model/comparison';
import { createLatestRunner, type LatestRunner } from '../model/latestRunner';

/** Keeps a runner fed with the latest `input`, recreated (and the old one disposed) with `make`. */
function useFedRunner<T>(make: () => LatestRunner<T> & { close?: () => void }, deps: unknown[], input: T) {
  const latest = useRef(input);
  const runner = useRef<LatestRunner<T> | null>(null);
  useEffect(() => {
    const made = make();
    runner.current = made;
    made.push(latest.current);
    return () => {
      made.dispose();
      made.close?.();
      runner.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `make` is new each render; `deps` say when it changes
  }, deps);
  useEffect(() => {
    latest.current = input;
    runner.current?.push(input);
  }, [input]);
}

/** Every catalog model's answer for `input`, one model call at a time; models freed when the view closes. */
export function useComparison(
  models: readonly CatalogEntry[],
  load: (entry: CatalogEntry) => Promise<Lent>,
  input: Float32Array | null,
): readonly ModelAnswer[] {
  const [answers, setAnswers] = useState<readonly ModelAnswer[]>([]);
  useFedRunner(
    () => {
      const comparison = createComparison({
        entries: models,
        load,
        onChange: setAnswers,
      });
      const runner = createLatestRunner(comparison.read.bind(comparison), () => {}, console.warn);
      return { ...runner, close: () => comparison.dispose() };
    },
    [models, load],
    input,
  );
  return answers;
}

export interface Activations {
  readonly input: Float32Array | null;
  readonly layers: readonly LayerActivation[];
  readonly error: string | null;
}

const NONE: Activations = { input: null, layers: [], error: null };

/** Every layer's output for `input` through the model in use, the latest drawing only. */
export function useActivations(classifier: Classifier | null, input: Float32Array | null): Activations {
  const [shown, setShown] = useState<Activations>(NONE);
  useFedRunner(
    () =>
      createLatestRunner<Float32Array | null, Activations>(
        async (value) =>
          value === null || classifier === null
            ? NONE
            : { input: value, layers: await classifier.activations(value), error: null },
        setShown,
        (error) => setShown({ ...NONE, error: String(error) }),
      ),
    [classifier],
    input,
  );
  return shown;
}
