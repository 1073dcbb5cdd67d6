import { withEarlyFetches } from './earlyFetches';
import type { Fetch } from './loadArtifacts';

/** Bytes of the model and the runtime received so far, and how many are expected in all. */
export interface DownloadProgress {
  readonly loaded: number;
  /** Null while some file's size is still unknown (a compressed response without a size hint). */
  readonly total: number | null;
}

export const NO_DOWNLOADS: DownloadProgress = { loaded: 0, total: 0 };

interface FileProgress {
  loaded: number;
  total: number | null;
}

/**
 * The size a response will have once decoded, if it says: `Content-Length` counts the bytes on
 * the wire, which are the decoded bytes only when the body is not compressed.
 */
export function decodedLength(headers: Headers): number | null {
  const encoding = headers.get('Content-Encoding');
  if (encoding !== null && encoding !== 'identity') return null;
  const length = Number(headers.get('Content-Length') ?? NaN);
  return Number.isInteger(length) && length >= 0 ? length : null;
}

export function sumProgress(files: Iterable<FileProgress>): DownloadProgress {
  let loaded = 0;
  let total: number | null = 0;
  for (const file of files) {
    loaded += file.loaded;
    total = total === null || file.total === null ? null : total + Math.max(file.total, file.loaded);
  }
  return { loaded, total };
}

/** A response whose body reports each chunk as it arrives; status and headers stay as they were. */
export function countingResponse(response: Response, onChunk: (bytes: number) => void): Response {
  if (response.body === null) return response;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      onChunk(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export interface DownloadTracker {
  /** `fetch` that counts the body of every successful response. */
  readonly fetch: Fetch;
  /**
   * Sizes known in advance (decoded bytes by absolute URL), for files a host may compress: the
   * WASM binaries, whose sizes the build knows.
   */
  expect(url: string, bytes: number): void;
  /** Forgets every file: a retry starts counting again. */
  reset(): void;
  subscribe(listener: () => void): () => void;
  snapshot(): DownloadProgress;
}

export function createDownloadTracker(fetchFile: Fetch): DownloadTracker {
  const files = new Map<string, FileProgress>();
  const expected = new Map<string, number>();
  const listeners = new Set<() => void>();
  let current = NO_DOWNLOADS;
  const changed = () => {
    current = sumProgress(files.values());
    for (const listener of listeners) listener();
  };

  return {
    async fetch(url, init) {
      const response = await fetchFile(url, init);
      if (!response.ok) return response;
      const absolute = new URL(url, response.url || undefined).href;
      const file = { loaded: 0, total: decodedLength(response.headers) ?? expected.get(absolute) ?? null };
      files.set(absolute, file);
      changed();
      return countingResponse(response, (bytes) => {
        file.loaded += bytes;
        changed();
      });
    },
    expect(url, bytes) {
      expected.set(url, bytes);
    },
    reset() {
      files.clear();
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
  };
}

/**
 * The page's one tracker: the model loader and the WASM runtime both download through it. The
 * catalog and model.json may already be on their way, asked for by index.html itself.
 */
export const downloads = createDownloadTracker(
  withEarlyFetches((url, init) => fetch(url, init), globalThis.window?.__digitpadEarly),
);

const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** "120 KB of 470 KB", or "120 KB" while the total is unknown. */
export function describeProgress({ loaded, total }: DownloadProgress): string {
  return total === null || total === 0 ? kilobytes(loaded) : `${kilobytes(loaded)} of ${kilobytes(total)}`;
}
