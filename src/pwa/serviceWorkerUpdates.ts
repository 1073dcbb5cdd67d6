/**
 * The worker's file beside index.html (src/sw/precache.ts names it for the build). Not imported
 * from there: a module shared with the worker would become a chunk both load.
 */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The page's side of the service worker (src/sw/serviceWorker.ts): registers it, says when a new
 * deployment has been downloaded and is waiting, and switches to it when the person accepts.
 */
export interface UpdateChannel {
  /** Called once a complete new version is installed and waiting for this page's consent. */
  onUpdateReady(listener: () => void): void;
  /** Lets the waiting version take over; every page it controls then reloads onto it. */
  applyUpdate(): void;
}

/** The part of `ServiceWorkerContainer` used here, so tests can stand in for it. */
export type WorkerContainer = Pick<ServiceWorkerContainer, 'controller' | 'register' | 'addEventListener'>;

/**
 * Registers the worker at `<app folder>/sw.js`. Null where there is no service worker API (some
 * private modes and embedded browsers) or registration fails: the page works, only not offline.
 */
export async function registerServiceWorker(
  container: WorkerContainer | undefined,
  baseUrl: string,
  reload: () => void,
): Promise<UpdateChannel | null> {
  if (container === undefined) return null;
  // Only a page that already ran from the worker moves to a new one: the first install must not
  // reload a page the person is drawing on.
  const ranFromWorker = container.controller !== null;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register(new URL(SERVICE_WORKER_FILE, baseUrl).href, {
      // The worker script itself always comes from the server, never from the HTTP cache, so a
      // deployment is seen on the next visit.
      updateViaCache: 'none',
    });
  } catch {
    return null;
  }
  if (ranFromWorker) container.addEventListener('controllerchange', () => reload());

  const listeners: (() => void)[] = [];
  let ready = false;
  const announce = () => {
    if (ready || !ranFromWorker) return;
    ready = true;
    for (const listener of listeners) listener();
  };
  const watch = (worker: ServiceWorker | null) => {
    if (worker === null) return;
    if (worker.state === 'installed') announce();
    else worker.addEventListener('statechange', () => worker.state === 'installed' && announce());
  };
  watch(registration.waiting ?? registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));

  return {
    onUpdateReady(listener) {
      listeners.push(listener);
      if (ready) listener();
    },
    applyUpdate() {
      registration.waiting?.postMessage({ type: 'skip-waiting' });
    },
  };
}
