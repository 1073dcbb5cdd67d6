import { useSyncExternalStore } from 'react';
import { NO_DOWNLOADS, downloads, type DownloadProgress } from '../model/downloadProgress';

/** Bytes of the model and runtime downloaded so far; nothing when prerendered at build time. */
export function useDownloadProgress(): DownloadProgress {
  return useSyncExternalStore(downloads.subscribe, downloads.snapshot, () => NO_DOWNLOADS);
}
