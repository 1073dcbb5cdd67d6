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

/**
 * Backends to try at the start, in order: the first-answer one leads when it is among `backends`
 * (a forced backend leaves it out, and is all there is).
 */
export function startOrder(
  backends: readonly BackendName[],
  firstAnswerOn: BackendName | undefined,
): readonly BackendName[] {
  if (firstAnswerOn === undefined || !backends.includes(firstAnswerOn)) return backends;
  return [firstAnswerOn, ...backends.filter((backend) => backend !== firstAnswerOn)];
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
