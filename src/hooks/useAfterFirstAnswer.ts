import { useEffect, useState } from 'react';

/** Runs `then` once the browser has nothing more urgent to do; returns a cancel. */
function whenIdle(then: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // The timeout only bounds the wait on a page that is never idle.
    const id = requestIdleCallback(then, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(then, 0); // Safari, jsdom: no idle callbacks
  return () => clearTimeout(id);
}

/**
 * Whether the page may fetch what its first answer does not need (the later chunk, `src/later.ts`):
 * false until `answered` (the model is ready and shows its answer to every finished stroke of a
 * drawing) has held and the browser is idle, then true for good. Fetched earlier, those files would
 * share the link and the main thread with the model and the first answer (`npm run bench` counts
 * every byte asked for before it). A panel opened before then fetches them itself (`Later.tsx`).
 */
export function useAfterFirstAnswer(answered: boolean): boolean {
  // Latched: a drawing judged at once (a key right after the answer) clears the pad before the
  // browser is idle, and must not call the fetch off.
  const [due, setDue] = useState(false);
  if (answered && !due) setDue(true);
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!due || after) return;
    return whenIdle(() => setAfter(true));
  }, [due, after]);
  return after;
}
