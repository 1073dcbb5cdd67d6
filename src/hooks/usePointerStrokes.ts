import { useMemo, useRef, type Dispatch, type PointerEvent as ReactPointerEvent } from 'react';
import { coalescedPositions, toPointerSample } from '../pad/pointerSample';
import type { StrokeAction } from '../pad/strokeHistory';

type PadPointerEvent = ReactPointerEvent<HTMLCanvasElement>;

const padSide = (rect: DOMRect) => Math.min(rect.width, rect.height);

/** The stroke keeps coming to the pad when the pen leaves it, and ends there. */
function capture(canvas: HTMLCanvasElement, pointerId: number): void {
  try {
    canvas.setPointerCapture(pointerId);
  } catch {
    // Synthetic events (automation) have no live pointer to capture; drawing works without.
  }
}

/**
 * Pointer handlers for the pad: mouse, touch and pen alike. One pointer draws at a time; any
 * other (a second finger, a resting palm) is ignored and leaves the stroke alone.
 */
export function usePointerStrokes(dispatch: Dispatch<StrokeAction>) {
  const activePointer = useRef<number | null>(null);

  return useMemo(() => {
    const finish = (event: PadPointerEvent) => {
      if (event.pointerId !== activePointer.current) return;
      activePointer.current = null;
      dispatch({ type: 'end' });
    };

    return {
      onPointerDown(event: PadPointerEvent) {
        if (activePointer.current !== null) return;
        if (event.pointerType === 'mouse' && event.button !== 0) return;
        // Keeps a mouse drag from selecting the page's text.
        event.preventDefault();
        const canvas = event.currentTarget;
        capture(canvas, event.pointerId);
        activePointer.current = event.pointerId;
        const rect = canvas.getBoundingClientRect();
        dispatch({ type: 'begin', point: toPointerSample(event, rect), padSide: padSide(rect) });
      },

      onPointerMove(event: PadPointerEvent) {
        if (event.pointerId !== activePointer.current) return;
        const rect = event.currentTarget.getBoundingClientRect();
        const points = coalescedPositions(event.nativeEvent).map((position) =>
          toPointerSample(position, rect),
        );
        dispatch({ type: 'extend', points, padSide: padSide(rect) });
      },

      onPointerUp(event: PadPointerEvent) {
        if (event.pointerId !== activePointer.current) return;
        const rect = event.currentTarget.getBoundingClientRect();
        dispatch({ type: 'extend', points: [toPointerSample(event, rect)], padSide: padSide(rect) });
        finish(event);
      },

      // The browser or the system took the pointer (a palm, a scroll gesture, an incoming call).
      // The ink drawn so far stays as a finished stroke: losing it would be a worse surprise
      // than keeping a stroke that is one Undo away.
      onPointerCancel: finish,
      // Capture can end without pointerup (the canvas left the page); the stroke ends with it.
      onLostPointerCapture: finish,
    };
  }, [dispatch]);
}
