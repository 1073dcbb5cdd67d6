/**
 * The tfjs backends the page can use, best first. Measured, not assumed (`npm run bench`): for a
 * model this small, WASM answers in well under a millisecond where WebGL spends more than that on
 * uploading and reading back textures, and it starts without compiling shaders. WebGL stays
 * next in line, and CPU last.
 */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;

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
