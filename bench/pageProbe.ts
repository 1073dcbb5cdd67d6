/**
 * Instruments the page from the inside (an init script, so it is there before the app starts):
 * when the model became ready, when each pointerup happened and when the result of it was shown,
 * how often the probabilities changed, long main-thread tasks and animation-frame gaps. Times are
 * `performance.now()`, milliseconds since navigation started.
 */
export interface ProbeData {
  readyAt: number | null;
  /** The page's own DOMContentLoaded, the reference for `readyAt`. */
  domContentLoadedAt: number | null;
  lastPointerUp: number;
  /** pointerup to the result that counts that stroke (`data-strokes` changing). */
  latencies: number[];
  probabilityUpdates: number[];
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

export function installProbe(): void {
  const probe: ProbeData = {
    readyAt: null,
    domContentLoadedAt: null,
    lastPointerUp: 0,
    latencies: [],
    probabilityUpdates: [],
    longTasks: [],
    frames: [],
  };
  (window as unknown as { benchProbe: ProbeData }).benchProbe = probe;
  addEventListener('pointerup', () => (probe.lastPointerUp = performance.now()), true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const frame = (time: number) => {
    probe.frames.push(time);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener('DOMContentLoaded', () => {
    probe.domContentLoadedAt = performance.now();
    new MutationObserver((mutations) => {
      const now = performance.now();
      for (const { target, attributeName } of mutations) {
        const element = target as Element;
        if (attributeName === 'data-state' && element.getAttribute('data-state') === 'ready')
          probe.readyAt ??= now;
        if (
          attributeName === 'data-strokes' &&
          element.getAttribute('data-strokes') !== '0' &&
          probe.lastPointerUp > 0
        ) {
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
}
