import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';

export interface CssSize {
  readonly width: number;
  readonly height: number;
}

const NO_SIZE: CssSize = { width: 0, height: 0 };

/** The element's content-box size in CSS px, following every resize. */
export function useElementSize(ref: RefObject<Element | null>): CssSize {
  const [size, setSize] = useState(NO_SIZE);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((previous) =>
        previous.width === width && previous.height === height ? previous : { width, height },
      );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * A `resolution` query matches only the ratio it names, so it fires once when the ratio changes
 * (browser zoom, window moved to another screen), and the next one has to be set up for the new
 * ratio. https://developer.mozilla.org/docs/Web/API/Window/devicePixelRatio
 */
function subscribeToPixelRatio(onChange: () => void): () => void {
  let query: MediaQueryList;
  const changed = () => {
    listen();
    onChange();
  };
  const listen = () => {
    query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener('change', changed, { once: true });
  };
  listen();
  return () => query.removeEventListener('change', changed);
}

export function useDevicePixelRatio(): number {
  // The page is prerendered at build time, where there is no screen: 1 until the browser says.
  return useSyncExternalStore(
    subscribeToPixelRatio,
    () => window.devicePixelRatio || 1,
    () => 1,
  );
}

const DARK_SCHEME = '(prefers-color-scheme: dark)';

function subscribeToColorScheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_SCHEME);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the system asks for dark colours; canvases repaint with the new ink when it changes. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    subscribeToColorScheme,
    () => window.matchMedia(DARK_SCHEME).matches,
    () => false,
  );
}
