import { useSyncExternalStore } from 'react';
import {
  NO_DOWNLOADS,
  downloads,
  type DownloadProgress,
  type DownloadTracker,
} from '../model/downloadProgress';

/** Bytes `tracker` (the page's, by default) has downloaded so far; nothing when prerendered at build time. */
export function useDownloadProgress(tracker: DownloadTracker = downloads): DownloadProgress {
  return useSyncExternalStore(tracker.subscribe, tracker.snapshot, () => NO_DOWNLOADS);
}
