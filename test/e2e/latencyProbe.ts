/** Pointerup-to-result timing in the page, shared by the measuring scripts. */

/**
 * Records, in the page, when the pen lifts and when the result for a new stroke count appears.
 * Runs inside the page (`page.evaluate`): it may use nothing from outside itself.
 */
export function installLatencyProbe(): void {
  const probe = { lastUp: 0, latencies: [] as number[] };
  (window as unknown as { latencyProbe: typeof probe }).latencyProbe = probe;
  // Capture on window runs before the app's own handler sees the event.
  window.addEventListener('pointerup', () => (probe.lastUp = performance.now()), true);
  const prediction = document.querySelector('[data-testid="prediction"]');
  if (prediction === null) throw new Error('no [data-testid=prediction] on the page');
  new MutationObserver(() => {
    const strokes = prediction.getAttribute('data-strokes');
    if (strokes !== '0' && probe.lastUp > 0) {
      probe.latencies.push(performance.now() - probe.lastUp);
      probe.lastUp = 0;
    }
  }).observe(prediction, { attributes: true, attributeFilter: ['data-strokes'] });
}

export type LatencyProbe = { latencyProbe: { latencies: number[] } };

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
