/** The tfjs backends the page can use, best first. */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKENDS)[number];

function isBackendName(value: string | null): value is BackendName {
  return (BACKENDS as readonly (string | null)[]).includes(value);
}

/**
 * Backends to try, in order, for a page whose query string is `search`: `?backend=wasm` forces
 * that one (benchmarks compare them); anything else gets the full fallback order.
 */
export function backendsFromQuery(search: string): readonly BackendName[] {
  const forced = new URLSearchParams(search).get('backend');
  return isBackendName(forced) ? [forced] : BACKENDS;
}
