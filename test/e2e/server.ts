import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A static file server for the built app, the way a static host serves it: under a sub-path, with
 * real MIME types (WASM must be `application/wasm` to stream-compile), and caching headers like
 * GitHub Pages' (`max-age=600` plus an ETag), so a page that trusts its cache after a failed
 * deploy is caught by the failure tests. Faults stand in for a broken deploy, one file at a time.
 */

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const DEFAULT_MIME = 'application/octet-stream';

/** What static hosts compress: text, JSON, SVG and WASM; images and raw binaries go as they are. */
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg\+xml)/;

/** What a faulty file answers instead of its content. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number }
  /** 200 with this body in place of the file's. */
  | { readonly kind: 'body'; readonly body: string }
  /** 200 with only the first `bytes` bytes of the file. */
  | { readonly kind: 'truncate'; readonly bytes: number };

export interface StaticServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** The app's URL: origin + base path, ending in `/`. */
  readonly url: string;
  /** Makes `path` (relative to the base path, e.g. `models/cnn/model.json`) answer with `fault`. */
  fail(path: string, fault: Fault): void;
  /** Every file answers normally again. */
  restore(): void;
  /** Paths (relative to the base path) requested so far, in order. */
  readonly served: readonly string[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Folder with the built app (index.html at its top). */
  readonly root: string;
  /** Sub-path the app lives under, with leading and trailing slash. */
  readonly basePath?: string;
  /**
   * Compress responses with gzip (level 9) for clients that accept it, as static hosts do; off by
   * default, so tests read files byte for byte. `npm run bench` turns it on.
   */
  readonly gzip?: boolean;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** The file under `root` a request path names, or null when it would escape `root`. */
function fileFor(root: string, relative: string): string | null {
  const file = resolve(root, `.${sep}${relative}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function readServable(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    return await readFile(info.isDirectory() ? join(file, 'index.html') : file);
  } catch {
    return null;
  }
}

function contentTypeFor(file: string, relative: string): string {
  // A directory request serves its index.html.
  const name = relative === '' || relative.endsWith('/') ? 'index.html' : file;
  return MIME_TYPES[extname(name).toLowerCase()] ?? DEFAULT_MIME;
}

function applyFault(content: Buffer, fault: Fault | undefined): Buffer | number {
  if (fault === undefined) return content;
  switch (fault.kind) {
    case 'status':
      return fault.status;
    case 'body':
      return Buffer.from(fault.body);
    case 'truncate':
      return content.subarray(0, Math.min(fault.bytes, content.length));
  }
}

export async function startStaticServer({
  root,
  basePath = '/digitpad/',
  gzip = false,
}: ServerOptions): Promise<StaticServer> {
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) {
    throw new Error(`basePath must start and end with '/', got '${basePath}'`);
  }
  const absoluteRoot = resolve(root);
  const faults = new Map<string, Fault>();
  const served: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'method not allowed');
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    // A static host redirects the bare folder name to the folder, so relative URLs resolve under it.
    if (`${pathname}/` === basePath) {
      response.writeHead(301, { Location: basePath, 'Content-Length': 0 });
      response.end();
      return;
    }
    if (!pathname.startsWith(basePath)) {
      send(response, 404, `not found: ${pathname} (the app is served under ${basePath})`);
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      send(response, 400, 'bad path');
      return;
    }
    served.push(relative);
    const file = fileFor(absoluteRoot, relative);
    const content = file === null ? null : await readServable(file);
    if (file === null || content === null) {
      send(response, 404, `not found: ${pathname}`);
      return;
    }
    const answer = applyFault(content, faults.get(relative));
    if (typeof answer === 'number') {
      send(response, answer, `${answer} for ${pathname} (simulated)`);
      return;
    }
    const etag = `"${createHash('sha1').update(answer).digest('base64url')}"`;
    const headers = { ETag: etag, 'Cache-Control': 'max-age=600' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    const type = contentTypeFor(file, relative);
    const compress =
      gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const body = compress ? gzipSync(answer, { level: 9 }) : answer;
    response.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': body.length,
      ...(compress ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    // Port 0: the system picks a free one.
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: `${origin}${basePath}`,
    served,
    fail(path, fault) {
      faults.set(path, fault);
    },
    restore() {
      faults.clear();
    },
    close() {
      return new Promise((resolveClose) => {
        server.close(() => resolveClose());
        // Chromium keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}
