import { fireEvent } from '@testing-library/react';

export interface PointerOptions {
  pointerId?: number;
  pointerType?: 'mouse' | 'touch' | 'pen';
}

export type ClientPoint = readonly [clientX: number, clientY: number];

function pointerInit(
  [clientX, clientY]: ClientPoint,
  { pointerId = 1, pointerType = 'mouse' }: PointerOptions,
) {
  return {
    bubbles: true,
    cancelable: true,
    composed: true,
    clientX,
    clientY,
    pointerId,
    pointerType,
    isPrimary: pointerId === 1,
    button: 0,
    buttons: 1,
    pressure: 0.5,
  };
}

/** Dispatches a real PointerEvent, as a browser would, inside React's act(). */
export function firePointer(type: string, target: Element, at: ClientPoint, options: PointerOptions = {}) {
  fireEvent(target, new PointerEvent(type, pointerInit(at, options)));
}

/** A pointermove that stands for several positions, the way browsers coalesce fast pens. */
export function fireCoalescedMove(
  target: Element,
  positions: readonly ClientPoint[],
  options: PointerOptions = {},
) {
  const coalescedEvents = positions.map((at) => new PointerEvent('pointermove', pointerInit(at, options)));
  const last = positions[positions.length - 1];
  fireEvent(target, new PointerEvent('pointermove', { ...pointerInit(last, options), coalescedEvents }));
}

/** Down at the first point, a move to each following one, up at the last. */
export function drawStroke(target: Element, points: readonly ClientPoint[], options: PointerOptions = {}) {
  firePointer('pointerdown', target, points[0], options);
  for (const point of points.slice(1)) firePointer('pointermove', target, point, options);
  firePointer('pointerup', target, points[points.length - 1], options);
}
