import { useEffect, useRef, useState } from 'react';
import { createRaster, type Raster } from '../recognition/modelInput';
import type { Classifier } from '../model/classifier';
import { strokesOnPad } from '../pad/clipStrokes';
import type { StrokeHistory } from '../pad/strokeHistory';
import {
  createReadingMemo,
  NO_RECOGNITION,
  recognise,
  type DrawingSnapshot,
  type Recognition,
} from '../recognition/recognise';
import { createRecognitionScheduler, type RecognitionScheduler } from '../recognition/scheduler';

/**
 * Live recognition of the pad: during a stroke once per frame, after a stroke at once, never two
 * at a time. Returns the latest result for the current classifier (none while there is none).
 */
export function useRecognition(
  classifier: Classifier | null,
  history: StrokeHistory,
  onFailure: (error: unknown) => void,
): Recognition {
  const [shown, setShown] = useState<{ from: Classifier; recognition: Recognition } | null>(null);
  const scheduler = useRef<RecognitionScheduler<DrawingSnapshot> | null>(null);
  const removalsSeen = useRef(history.removals);
  // The recognition's own small canvas, made on first use and kept for the page's life.
  const raster = useRef<Raster | null>(null);
  // The groups read in the last update: a new stroke reads only the digits it changes.
  const memo = useRef(createReadingMemo());

  useEffect(() => {
    if (classifier === null) return;
    const created = createRecognitionScheduler<DrawingSnapshot, Recognition>({
      run: (snapshot) => recognise(snapshot, classifier, (raster.current ??= createRaster()), memo.current),
      onResult: (recognition) => setShown({ from: classifier, recognition }),
      onError: onFailure,
      requestFrame: (callback) => requestAnimationFrame(callback),
      cancelFrame: (handle) => cancelAnimationFrame(handle),
    });
    scheduler.current = created;
    return () => {
      created.dispose();
      scheduler.current = null;
    };
  }, [classifier, onFailure]);

  useEffect(() => {
    const target = scheduler.current;
    if (target === null) return;
    const snapshot: DrawingSnapshot = {
      // Cut to the pad exactly as the pad paints them: the model reads only ink the person sees.
      strokes: strokesOnPad(history),
      lineWidth: history.lineWidth,
      finishedStrokes: history.strokes.length,
    };
    if (history.removals !== removalsSeen.current) target.discardInFlight();
    removalsSeen.current = history.removals;
    if (history.active !== null) target.soon(snapshot);
    else target.now(snapshot);
  }, [classifier, history]);

  return shown !== null && shown.from === classifier ? shown.recognition : NO_RECOGNITION;
}
