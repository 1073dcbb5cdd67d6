import { useCallback, useEffect, useState } from 'react';
import { registerServiceWorker, type UpdateChannel } from '../pwa/serviceWorkerUpdates';

export interface AppUpdate {
  /** A new deployment is downloaded and waiting. */
  readonly available: boolean;
  readonly apply: () => void;
}

/**
 * Registers the service worker once `start` is true: the page passes "the model is ready", so
 * precaching the rest (other backends, other WASM binaries) never competes with the first answer.
 * The dev server serves no worker, so only a build registers one.
 */
export function useAppUpdate(start: boolean): AppUpdate {
  const [channel, setChannel] = useState<UpdateChannel | null>(null);
  const [available, setAvailable] = useState(false);

  useEffect(() => {
    if (!start || !import.meta.env.PROD) return;
    let current = true;
    void registerServiceWorker(navigator.serviceWorker, document.baseURI, () => location.reload()).then(
      (registered) => {
        if (!current || registered === null) return;
        setChannel(registered);
        registered.onUpdateReady(() => {
          if (current) setAvailable(true);
        });
      },
    );
    return () => {
      current = false;
    };
  }, [start]);

  const apply = useCallback(() => channel?.applyUpdate(), [channel]);
  return { available, apply };
}
