import { useCallback, useLayoutEffect, useMemo } from 'react';
import type { NewDrawing } from '../history/types';
import { strokesOnPad } from '../pad/clipStrokes';
import { squareDrawing } from '../pad/squareDrawing';
import type { StrokeHistory } from '../pad/strokeHistory';
import { answersThePad, type Recognition, type Reading } from '../recognition/recognise';
import type { Adaptation } from './useAdaptation';
import type { DrawingHistory } from './useDrawingHistory';

export interface Judging {
  /** A finished drawing has been read: it can be given its label. */
  readonly can: boolean;
  /** It was read as a digit (sure or not): there is an answer to call right. */
  readonly canConfirm: boolean;
  /**
   * Saves the drawing on the pad labelled `label`, or the shown digit when none is given and there
   * is one, and clears the pad.
   */
  readonly judge: (label?: number) => void;
}

function drawingToSave(
  pad: StrokeHistory,
  reading: Reading,
  label: number | undefined,
  modelId: string,
): NewDrawing {
  const predicted = reading.verdict.digit;
  const { strokes, side } = squareDrawing(strokesOnPad(pad), pad.frame);
  return {
    strokes,
    padSide: side,
    penWidth: pad.lineWidth,
    label: label ?? predicted,
    predicted,
    probabilities: Array.from(reading.outputs),
    modelId,
    savedAt: Date.now(),
  };
}

interface JudgingInputs {
  readonly pad: StrokeHistory;
  /** What the page shows now (adapted when adapting). */
  readonly shown: Recognition;
  readonly history: DrawingHistory;
  readonly adaptation: Adaptation;
  readonly clear: () => void;
  readonly modelId: string;
}

/** Right or wrong in one gesture: the drawing is saved with its label, remembered, and the pad cleared. */
export function useJudging({ pad, shown, history, adaptation, clear, modelId }: JudgingInputs): Judging {
  // A number is not one labelled drawing: only a single digit on the pad can be judged.
  const reading = shown.readings.length === 1 ? shown.readings[0] : null;
  // Only a result for exactly the finished strokes on the pad is the answer being judged.
  const can = reading !== null && answersThePad(pad, shown);
  // "That is not a digit" names no digit: only a digit key can say which it is.
  const canConfirm = can && reading.verdict.kind !== 'not-digit';
  const { save } = history;
  const { remember } = adaptation;
  const judge = useCallback(
    (label?: number) => {
      if (!can || reading === null || (label === undefined && !canConfirm)) return;
      const drawing = drawingToSave(pad, reading, label, modelId);
      clear();
      // Its features are remembered before the history shows it, so nothing reads them again.
      const { features, modelOutputs = reading.outputs } = reading;
      const seen = features && { features, outputs: modelOutputs };
      save(drawing, (saved) => seen && remember(saved.id, seen)).catch((error: unknown) =>
        console.error('Could not save the drawing', error),
      );
    },
    [can, canConfirm, reading, pad, modelId, clear, save, remember],
  );
  return useMemo(() => ({ can, canConfirm, judge }), [can, canConfirm, judge]);
}

const FORM_FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const ACTIVATES_ON_ENTER = new Set(['BUTTON', 'A', 'SUMMARY', ...FORM_FIELDS]);

/** Enter says the answer is right; a digit key gives the right answer. Keys typed into a field are the field's. */
export function useJudgingKeys({ can, judge }: Judging): void {
  // A layout effect: the listener knows of an answer as soon as the answer is on screen, so a key
  // pressed right after it shows is not lost to a listener from the render before.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!can || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target.tagName : '';
      if (/^[0-9]$/.test(event.key) && !FORM_FIELDS.has(target)) {
        event.preventDefault();
        judge(Number(event.key));
      } else if (event.key === 'Enter' && !ACTIVATES_ON_ENTER.has(target)) {
        event.preventDefault();
        judge();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [can, judge]);
}
