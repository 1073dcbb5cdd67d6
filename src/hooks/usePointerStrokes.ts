import { useMemo, useRef, type Dispatch, type PointerEvent as ReactPointerEvent } from 'react';
import { IDLE_ARBITER, pointerDown, pointerEnd, pointerMove, type PadPointer } from '../pad/pointerArbiter';
import { coalescedPositions, toPointerSample } from '../pad/pointerSample';
import type { PadSize } from '../pad/padGeometry';
import type { StrokeAction } from '../pad/strokeHistory';

type PadPointerEvent = ReactPointerEvent<HTMLCanvasElement>;

const padSize = (rect: DOMRect): PadSize => ({ width: rect.width, height: rect.height });

/** The stroke keeps coming to the pad when the pen leaves it, and ends there. */
function capture(canvas: HTMLCanvasElement, pointerId: number): void {
  try {
    canvas.setPointerCapture(pointerId);
  } catch {
    // Synthetic events (automation) have no live pointer to capture; drawing works without.
  }
}

/** The action that starts a stroke where `event` touched the pad. */
function beginAt(event: PadPointerEvent): StrokeAction {
  const rect = event.currentTarget.getBoundingClientRect();
  return { type: 'begin', point: toPointerSample(event, rect), pad: padSize(rect) };
}

const padPointer = (event: PadPointerEvent): PadPointer => ({
  pointerId: event.pointerId,
  pointerType: event.pointerType,
  time: event.timeStamp,
});

/**
 * Starts a stroke for a pointer the arbiter let draw. The default action would select the page's
 * text on a mouse drag; preventing it also keeps focus where it was, so a button last pressed
 * from the keyboard would keep its focus ring through the drawing: let go of the focus as a
 * press outside any control would.
 */
function startStroke(event: PadPointerEvent, takeOver: boolean, dispatch: Dispatch<StrokeAction>) {
  event.preventDefault();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  capture(event.currentTarget, event.pointerId);
  if (takeOver) dispatch({ type: 'discard' });
  dispatch(beginAt(event));
}

/** Every position a move stands for, the pen's coalesced ones included. */
function addPositions(event: PadPointerEvent, dispatch: Dispatch<StrokeAction>) {
  const rect = event.currentTarget.getBoundingClientRect();
  const points = coalescedPositions(event.nativeEvent).map((position) => toPointerSample(position, rect));
  dispatch({ type: 'extend', points, pad: padSize(rect) });
}

/**
 * Pointer handlers for the pad: mouse, touch and pen alike. Which pointer draws is decided by
 * the pure arbiter (src/pad/pointerArbiter.ts): one at a time, and a pen wins over a palm.
 */
export function usePointerStrokes(dispatch: Dispatch<StrokeAction>) {
  const arbiter = useRef(IDLE_ARBITER);

  return useMemo(() => {
    const finish = (event: PadPointerEvent) => {
      const { arbiter: next, ends } = pointerEnd(arbiter.current, padPointer(event));
      arbiter.current = next;
      if (ends) dispatch({ type: 'end' });
    };

    return {
      onPointerDown(event: PadPointerEvent) {
        if (event.pointerType === 'mouse' && event.button !== 0) return;
        const { arbiter: next, decision } = pointerDown(arbiter.current, padPointer(event));
        arbiter.current = next;
        if (decision !== 'ignore') startStroke(event, decision === 'take-over', dispatch);
      },

      // Also hovering: a pen near the screen makes a touch landing now a palm.
      onPointerMove(event: PadPointerEvent) {
        const { arbiter: next, draws } = pointerMove(arbiter.current, padPointer(event));
        arbiter.current = next;
        if (draws) addPositions(event, dispatch);
      },

      onPointerUp(event: PadPointerEvent) {
        if (arbiter.current.active?.pointerId === event.pointerId) addPositions(event, dispatch);
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
