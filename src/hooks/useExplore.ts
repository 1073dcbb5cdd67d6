import { startTransition, useEffect, useRef, useState } from 'react';
import type { CatalogEntry } from '../model/catalog';
import type { Classifier, LayerActivation } from '../model/classifier';
import { createComparison, type Lent, type ModelAnswer } from '../model/comparison';
import { createRecognitionScheduler, type RecognitionScheduler } from '../recognition/scheduler';

/**
 * Frames that call back in a task of their own once the browser has painted: the answer committed
 * before is on screen first. A bare animation frame runs before its paint, so work started there
 * would hold back the frame that shows the answer.
 */
function paintedFrames() {
  const tasks = new Map<number, ReturnType<typeof setTimeout>>();
  return {
    requestFrame(callback: () => void): number {
      const frame = requestAnimationFrame(() => {
        tasks.set(
          frame,
          setTimeout(() => {
            tasks.delete(frame);
            callback();
          }),
        );
      });
      return frame;
    },
    cancelFrame(frame: number): void {
      cancelAnimationFrame(frame);
      clearTimeout(tasks.get(frame));
      tasks.delete(frame);
    },
  };
}

/**
 * Runs `run` on the latest value given, one run at a time, newer values replacing older ones
 * while one is in flight: the recognition's own scheduler, its frames those after a paint.
 */
function latestOnly<T, R>(
  run: (value: T) => Promise<R>,
  onResult: (result: R) => void,
  onError: (error: unknown) => void,
): RecognitionScheduler<T> {
  return createRecognitionScheduler<T, R>({ run, onResult, onError, ...paintedFrames() });
}

/**
 * Keeps a runner fed with the latest `input`, recreated (and the old one disposed) with `make`.
 * A new input runs after the next paint (`soon`): it comes with the answer to a stroke, which
 * must reach the screen before these views' model calls and pictures.
 */
function useFedRunner<T>(
  make: () => RecognitionScheduler<T> & { close?: () => void },
  deps: unknown[],
  input: T,
) {
  const latest = useRef(input);
  const runner = useRef<RecognitionScheduler<T> | null>(null);
  useEffect(() => {
    const made = make();
    runner.current = made;
    made.now(latest.current);
    return () => {
      made.dispose();
      made.close?.();
      runner.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `make` is new each render; `deps` say when it changes
  }, deps);
  useEffect(() => {
    if (input === latest.current) return; // the runner was made with it
    latest.current = input;
    runner.current?.soon(input);
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
      const runner = latestOnly(comparison.read.bind(comparison), () => {}, console.warn);
      // The scheduler is a class instance: extend it, a spread would drop its methods.
      return Object.assign(runner, { close: () => comparison.dispose() });
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
      latestOnly<Float32Array | null, Activations>(
        async (value) =>
          value === null || classifier === null
            ? NONE
            : { input: value, layers: await classifier.activations(value), error: null },
        // Many canvases to paint: React may put the answer to a newer stroke before them.
        (activations) => startTransition(() => setShown(activations)),
        (error) => setShown({ ...NONE, error: String(error) }),
      ),
    [classifier],
    input,
  );
  return shown;
}
