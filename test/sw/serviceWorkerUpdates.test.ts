import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, type WorkerContainer } from '../../src/pwa/serviceWorkerUpdates';

/** A worker that can be moved through its states by the test. */
class FakeWorker extends EventTarget {
  readonly postMessage = vi.fn();
  constructor(public state: ServiceWorkerState) {
    super();
  }
  become(state: ServiceWorkerState) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** A new version starts downloading. */
  found(worker: FakeWorker) {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
}

function fakeContainer(controlled: boolean, registration = new FakeRegistration()) {
  const events = new EventTarget();
  const container = {
    controller: controlled ? ({} as ServiceWorker) : null,
    register: vi.fn(async () => registration as unknown as ServiceWorkerRegistration),
    addEventListener: events.addEventListener.bind(events),
  } as unknown as WorkerContainer;
  return { container, registration, events };
}

describe('registerServiceWorker', () => {
  it('is null without the API, and when registration fails', async () => {
    expect(await registerServiceWorker(undefined, 'https://x/app/', () => {})).toBeNull();
    const { container } = fakeContainer(false);
    vi.mocked(container.register).mockRejectedValueOnce(new DOMException('denied', 'SecurityError'));
    expect(await registerServiceWorker(container, 'https://x/app/', () => {})).toBeNull();
  });

  it('registers sw.js in the app folder, never from the HTTP cache', async () => {
    const { container } = fakeContainer(false);
    await registerServiceWorker(container, 'https://x/app/index.html?backend=cpu', () => {});
    expect(container.register).toHaveBeenCalledWith('https://x/app/sw.js', { updateViaCache: 'none' });
  });

  it('offers an update once a new version is installed on a page that runs from the worker', async () => {
    const { container, registration } = fakeContainer(true);
    const channel = await registerServiceWorker(container, 'https://x/app/', () => {});
    const ready = vi.fn();
    channel!.onUpdateReady(ready);
    const next = new FakeWorker('installing');
    registration.found(next);
    expect(ready).not.toHaveBeenCalled();
    next.become('installed');
    registration.waiting = next;
    expect(ready).toHaveBeenCalledTimes(1);

    channel!.applyUpdate();
    expect(next.postMessage).toHaveBeenCalledWith({ type: 'skip-waiting' });
  });

  it('offers a version already waiting when the page opens', async () => {
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker('installed');
    const { container } = fakeContainer(true, registration);
    const ready = vi.fn();
    (await registerServiceWorker(container, 'https://x/app/', () => {}))!.onUpdateReady(ready);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('on a first visit, installs quietly: no offer, no reload', async () => {
    const { container, registration, events } = fakeContainer(false);
    const reload = vi.fn();
    const ready = vi.fn();
    (await registerServiceWorker(container, 'https://x/app/', reload))!.onUpdateReady(ready);
    const first = new FakeWorker('installing');
    registration.found(first);
    first.become('installed');
    events.dispatchEvent(new Event('controllerchange'));
    expect(ready).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads a page that ran from the worker when another version takes over', async () => {
    const { container, events } = fakeContainer(true);
    const reload = vi.fn();
    await registerServiceWorker(container, 'https://x/app/', reload);
    events.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
