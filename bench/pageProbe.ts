/**
 * Instruments the page from the inside (an init script, so it is there before the app starts):
 * when the model became ready, when each pointerup happened and when the result of it was shown,
 * how often the probabilities changed, long main-thread tasks and animation-frame gaps. Times are
 * `performance.now()`, milliseconds since navigation started.
 */
export interface ProbeData {
  readyAt: number | null;
  /** The first frame in which the drawing pad is laid out on screen (from HTML or from script). */
  padPaintedAt: number | null;
  /**
   * The first frame in which the pad has its event handlers: React has attached its props to the
   * canvas (hydrated it, or created it). Ink drawn from then on is read.
   */
  padTakesInkAt: number | null;
  /** First contentful paint, as Chromium reports it. */
  firstContentfulPaintAt: number | null;
  /** The first result shown for a drawing (`data-strokes` leaving 0). */
  firstAnswerAt: number | null;
  /** The backend in use (`data-testid="backend"`) when that first result was shown. */
  firstAnswerBackend: string | null;
  /** The page's own DOMContentLoaded, the reference for `readyAt`. */
  domContentLoadedAt: number | null;
  lastPointerUp: number;
  /** pointerup to the result that counts that stroke (`data-strokes` changing). */
  latencies: number[];
  probabilityUpdates: number[];
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

/**
 * The probe as page-side JavaScript source. It is a string on purpose: a function passed to
 * Playwright is serialised with whatever the TypeScript loader added to it (tsx wraps named
 * functions in a `__name` helper the page does not have), and then fails silently in the page.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = {
    readyAt: null,
    padPaintedAt: null,
    padTakesInkAt: null,
    firstContentfulPaintAt: null,
    firstAnswerAt: null,
    firstAnswerBackend: null,
    domContentLoadedAt: null,
    lastPointerUp: 0,
    latencies: [],
    probabilityUpdates: [],
    longTasks: [],
    frames: [],
  };
  window.benchProbe = probe;
  addEventListener('pointerup', () => { probe.lastPointerUp = performance.now(); }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') probe.firstContentfulPaintAt ??= entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const onFrame = (time) => {
    probe.frames.push(time);
    if (probe.padTakesInkAt === null) {
      const pad = document.querySelector('canvas[aria-label="Drawing pad"]');
      if (pad !== null && probe.padPaintedAt === null && pad.getBoundingClientRect().width > 0) probe.padPaintedAt = time;
      if (pad !== null && Object.keys(pad).some((key) => key.startsWith('__reactProps'))) probe.padTakesInkAt = time;
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  document.addEventListener('DOMContentLoaded', () => {
    probe.domContentLoadedAt = performance.now();
    new MutationObserver((mutations) => {
      const now = performance.now();
      for (const { target, attributeName } of mutations) {
        if (attributeName === 'data-state' && target.getAttribute('data-state') === 'ready') probe.readyAt ??= now;
        if (attributeName === 'data-strokes' && target.getAttribute('data-strokes') !== '0' && probe.firstAnswerAt === null) {
          probe.firstAnswerAt = now;
          probe.firstAnswerBackend = document.querySelector('[data-testid="backend"]')?.textContent?.trim() ?? null;
        }
        if (attributeName === 'data-strokes' && target.getAttribute('data-strokes') !== '0' && probe.lastPointerUp > 0) {
          probe.latencies.push(now - probe.lastPointerUp);
          probe.lastPointerUp = 0;
        }
      }
      if (mutations.some((m) => m.attributeName === 'data-probability')) probe.probabilityUpdates.push(now);
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-strokes', 'data-probability'],
    });
  });
})();`;
