/**
 * The tfjs backends the page can use, best first. Measured, not assumed (`npm run bench`): for a
 * model this small, WASM answers in well under a millisecond where WebGL spends more than that on
 * uploading and reading back textures, and it starts without compiling shaders. WebGL stays
 * next in line, and CPU last.
 */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;

export type BackendName = (typeof BACKENDS)[number];

/**
 * The backend a page answers its first drawing on, unless a backend is forced: the CPU backend
 * with the model's kernels is a few KB of JavaScript, where WASM first needs its 134 KB binary
 * (gzipped). After the first answer the page hands over to the best backend that starts.
 */
export const FIRST_ANSWER_BACKEND: BackendName = 'cpu';

/** The backend a page with these `backends` starts first (and so downloads first). */
export function firstToStart(backends: readonly BackendName[]): BackendName {
  return backends.includes(FIRST_ANSWER_BACKEND) ? FIRST_ANSWER_BACKEND : backends[0];
}

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
