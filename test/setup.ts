// Shared test setup: loaded before every test file (node and jsdom alike).
import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';

/**
 * jsdom (27) has PointerEvent, with `coalescedEvents`, but no pointer capture, ResizeObserver,
 * matchMedia or canvas. Component tests get minimal stand-ins; node-environment tests (the
 * classifier) have no window and skip all of this.
 */
if (typeof window !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(cleanup);

  const captured = new WeakMap<Element, Set<number>>();
  Element.prototype.setPointerCapture = function (pointerId: number) {
    captured.set(this, (captured.get(this) ?? new Set()).add(pointerId));
  };
  Element.prototype.releasePointerCapture = function (pointerId: number) {
    captured.get(this)?.delete(pointerId);
  };
  Element.prototype.hasPointerCapture = function (pointerId: number) {
    return captured.get(this)?.has(pointerId) ?? false;
  };

  /** Reports each observed element's bounding rectangle once, as a real observer does on observe(). */
  class ResizeObserverStandIn implements ResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      const contentRect = target.getBoundingClientRect();
      this.callback([{ target, contentRect } as ResizeObserverEntry], this);
    }
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver = ResizeObserverStandIn;

  window.matchMedia = (query: string) =>
    ({
      media: query,
      matches: false,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) satisfies MediaQueryList;

  /** A 2D context that accepts every call and draws nothing; one per canvas, so tests can inspect it. */
  const contexts = new WeakMap<HTMLCanvasElement, unknown>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    if (!contexts.has(this)) {
      const calls: Record<string, unknown> = { canvas: this };
      contexts.set(
        this,
        new Proxy(calls, {
          get: (target, key: string) => (key in target ? target[key] : (target[key] = vi.fn())),
        }),
      );
    }
    return contexts.get(this);
  } as typeof HTMLCanvasElement.prototype.getContext;
}
