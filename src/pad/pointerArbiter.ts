/**
 * Which pointer draws on the pad. One pointer draws at a time, and a pen outranks a finger: a
 * hand resting on a tablet touches the screen before, while and just after the pen does, and
 * that touch (a palm) must neither draw nor keep the pen from drawing.
 *
 * - Nothing drawing: any pointer may start, except a touch that starts while a pen is near the
 *   screen or within `PALM_WINDOW_MS` of its last event.
 * - A touch drawing: a pen that comes down takes over, and the touch stroke is dropped (it was
 *   the palm). Any other pointer is ignored (a second finger).
 * - A pen or mouse drawing: every other pointer is ignored.
 *
 * Pure: times come from the events (`event.timeStamp`), so tests replay exact sequences.
 */

/**
 * How long after the pen's last event a new touch is still taken for a palm. A writer lifts the
 * pen between strokes for a fraction of a second, the hand staying on the glass; someone who puts
 * the pen down to draw with a finger pauses far longer than this.
 */
export const PALM_WINDOW_MS = 1000;

export interface PadPointer {
  readonly pointerId: number;
  readonly pointerType: string;
  /** Milliseconds on any clock that only moves forward (`event.timeStamp`). */
  readonly time: number;
}

export interface PointerArbiter {
  /** The pointer drawing now, or null. */
  readonly active: { readonly pointerId: number; readonly pointerType: string } | null;
  /** When a pen was last seen, hovering or drawing; null if never. */
  readonly penSeenAt: number | null;
}

export const IDLE_ARBITER: PointerArbiter = { active: null, penSeenAt: null };

/** `draw`: start a stroke. `take-over`: drop the stroke in progress, then start one. */
export type DownDecision = 'draw' | 'take-over' | 'ignore';

const seenPen = (arbiter: PointerArbiter, pointer: PadPointer): PointerArbiter =>
  pointer.pointerType === 'pen' ? { ...arbiter, penSeenAt: pointer.time } : arbiter;

const isPalm = (arbiter: PointerArbiter, pointer: PadPointer): boolean =>
  pointer.pointerType === 'touch' &&
  arbiter.penSeenAt !== null &&
  pointer.time - arbiter.penSeenAt <= PALM_WINDOW_MS;

export function pointerDown(
  arbiter: PointerArbiter,
  pointer: PadPointer,
): { arbiter: PointerArbiter; decision: DownDecision } {
  const active = { pointerId: pointer.pointerId, pointerType: pointer.pointerType };
  const seen = seenPen(arbiter, pointer);
  if (arbiter.active === null) {
    return isPalm(arbiter, pointer)
      ? { arbiter, decision: 'ignore' }
      : { arbiter: { ...seen, active }, decision: 'draw' };
  }
  if (arbiter.active.pointerType === 'touch' && pointer.pointerType === 'pen')
    return { arbiter: { ...seen, active }, decision: 'take-over' };
  return { arbiter: seen, decision: 'ignore' };
}

/** A move (hovering or drawing): `draws` when it extends the stroke in progress. */
export function pointerMove(
  arbiter: PointerArbiter,
  pointer: PadPointer,
): { arbiter: PointerArbiter; draws: boolean } {
  return { arbiter: seenPen(arbiter, pointer), draws: arbiter.active?.pointerId === pointer.pointerId };
}

/** Up, cancel or lost capture: `ends` when it ends the stroke in progress. */
export function pointerEnd(
  arbiter: PointerArbiter,
  pointer: PadPointer,
): { arbiter: PointerArbiter; ends: boolean } {
  const seen = seenPen(arbiter, pointer);
  if (arbiter.active?.pointerId !== pointer.pointerId) return { arbiter: seen, ends: false };
  return { arbiter: { ...seen, active: null }, ends: true };
}
