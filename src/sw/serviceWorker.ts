/**
 * The service worker (built to `sw.js` beside index.html). It keeps one complete build (page,
 * code, every WASM binary, the model) per cache and answers from the cache of the version it
 * belongs to, so a page never runs code of one deployment with files of another:
 *
 * - install: downloads every file of the manifest the build wrote into it, revalidating any HTTP
 *   cached copy with the server, and checks each against its SHA-256; one missing or different file (a deployment
 *   half-uploaded, a stale CDN copy) fails the install, and the version in use stays.
 * - it never takes over by itself: a new version waits until the page asks (the person accepted
 *   "Update available"), then pages reload onto it; the old version's cache is deleted only then.
 * - fetch: precached files come from this version's cache; everything else goes to the network.
 */
import {
  CACHE_PREFIX,
  MANIFEST_PLACEHOLDER,
  cacheKeyFor,
  cacheNameFor,
  type PrecacheManifest,
} from './precache';

declare const self: ServiceWorkerGlobalScope;

// The build replaces the placeholder string by the manifest's JSON (build/serviceWorkerPlugin.ts).
const manifest = JSON.parse(MANIFEST_PLACEHOLDER) as PrecacheManifest;
const cacheName = cacheNameFor(manifest);
const paths = new Set(manifest.files.map((file) => file.path));

const hex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');

async function precache(): Promise<void> {
  const cache = await caches.open(cacheName);
  try {
    await Promise.all(
      manifest.files.map(async ({ path, sha256 }) => {
        const url = new URL(path, self.registration.scope).href;
        // Revalidated with the server, never taken on trust from the HTTP cache; a file the page
        // has just downloaded costs a 304, not a second download. The hash check decides.
        const response = await fetch(url, { cache: 'no-cache' });
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
        if (digest !== sha256) throw new Error(`${path} is not the file this version was built with`);
        await cache.put(url, response);
      }),
    );
  } catch (error) {
    await caches.delete(cacheName);
    throw error;
  }
}

async function removeOtherVersions(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== cacheName)
      .map((name) => caches.delete(name)),
  );
}

async function answer(key: string, request: Request): Promise<Response> {
  const cached = await (await caches.open(cacheName)).match(key);
  return cached ?? fetch(request);
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('activate', (event) => event.waitUntil(removeOtherVersions()));

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const key = cacheKeyFor(
    event.request.url,
    event.request.mode === 'navigate',
    self.registration.scope,
    paths,
  );
  if (key !== null) event.respondWith(answer(key, event.request));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void self.skipWaiting();
});
