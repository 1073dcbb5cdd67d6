import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../training/idx';
import { download, type MnistFile } from '../../training/mnist';
import { idxLabels } from './fixtures';

const content = gzipSync(idxLabels([3, 1, 4, 1, 5, 9, 2, 6]));
const file: MnistFile = { name: 'labels-idx1-ubyte', gzipSha256: sha256(content), rawMd5: '' };
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/good/${file.name}.gz`) {
      response.writeHead(200, { 'content-length': content.length });
      response.end(content);
    } else if (request.url === `/corrupt/${file.name}.gz`) {
      response.end(Buffer.from(content).reverse());
    } else if (request.url === `/tampered/${file.name}.gz`) {
      response.end(gzipSync(idxLabels([0, 0, 0])));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('download', () => {
  it('tries mirrors in order, verifies the checksum and writes the file', async () => {
    const destination = join(mkdtempSync(join(tmpdir(), 'digitpad-dl-')), 'sub', `${file.name}.gz`);
    const progress: string[] = [];
    const bytes = await download(file, destination, [`${base}/missing/`, `${base}/good`], {
      onProgress: (line) => progress.push(line),
    });
    expect(Buffer.from(bytes).equals(content)).toBe(true);
    expect(readFileSync(destination).equals(content)).toBe(true);
    expect(requests).toContain(`/missing/${file.name}.gz`);
    expect(progress.at(-1)).toMatch(/100%/);
  });

  it('fails naming the file and every mirror when none serves good bytes, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digitpad-dl-'));
    const destination = join(dir, `${file.name}.gz`);
    await expect(
      download(file, destination, [`${base}/corrupt/`, `${base}/tampered/`, `${base}/missing/`]),
    ).rejects.toThrow(
      new RegExp(
        `${file.name}.gz: missing, and no mirror served it \\(.*corrupt.*not a gzip file; .*tampered.*sha256 [0-9a-f]+ does not match.*; .*missing.*HTTP 404\\)`,
      ),
    );
    expect(existsSync(destination)).toBe(false);
  });
});
