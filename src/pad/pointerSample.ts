/** One pointer position as the pad uses it: CSS pixels from the canvas's top-left corner. */
export interface PointerSample {
  readonly x: number;
  readonly y: number;
  readonly pressure: number;
  readonly pointerId: number;
  readonly pointerType: string;
}

type PointerLike = Pick<PointerEvent, 'clientX' | 'clientY' | 'pressure' | 'pointerId' | 'pointerType'>;

/**
 * Turns a raw event into a plain value relative to `rect` (the canvas's bounding rectangle), so
 * nothing downstream depends on scrolling, the page layout or the screen's pixel ratio.
 */
export function toPointerSample(event: PointerLike, rect: Pick<DOMRect, 'left' | 'top'>): PointerSample {
  return {
    x: event.clientX - rect.left,
    y: event.clientY - rect.top,
    pressure: event.pressure,
    pointerId: event.pointerId,
    pointerType: event.pointerType,
  };
}

/**
 * The positions a `pointermove` stands for. Browsers fire at most one move per frame and fold
 * the pen's intermediate positions into `getCoalescedEvents()`; without them a fast stroke
 * becomes a polygon. Safari before 18 lacks the method and synthetic events return an empty
 * list, so the event itself is the fallback.
 * https://developer.mozilla.org/docs/Web/API/PointerEvent/getCoalescedEvents
 */
export function coalescedPositions(event: PointerEvent): readonly PointerEvent[] {
  const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
  return coalesced.length > 0 ? coalesced : [event];
}
