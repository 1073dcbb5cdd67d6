/**
 * IDX, the file format MNIST ships in: a big-endian header (magic number, then one 32-bit size per
 * dimension) followed by unsigned bytes. Every check names the file, so a bad download fails with
 * one clear line instead of a RangeError deep in a loop.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dimensions
export const LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dimension
const GZIP_MAGIC = [0x1f, 0x8b];

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataFileError';
  }
}

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly columns: number;
  /** `count * rows * columns` bytes, 0 = paper, 255 = ink. */
  readonly pixels: Uint8Array;
}

export interface IdxLabels {
  readonly count: number;
  readonly labels: Uint8Array;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** The raw IDX bytes of a file that is either gzipped or not. */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DataFileError(file, `not a valid gzip file (${(error as Error).message})`);
  }
}

function readHeader(bytes: Uint8Array, file: string, magic: number, dimensions: number): number[] {
  const headerBytes = 4 + 4 * dimensions;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0) !== magic) {
    throw new DataFileError(file, `wrong magic number ${view.getUint32(0)}, expected ${magic}`);
  }
  if (bytes.length < headerBytes) {
    throw new DataFileError(
      file,
      `truncated: ${bytes.length} bytes, shorter than the ${headerBytes}-byte header`,
    );
  }
  const sizes = Array.from({ length: dimensions }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = headerBytes + sizes.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'too long';
    throw new DataFileError(
      file,
      `${what}: ${bytes.length} bytes, header ${sizes.join('x')} needs ${expected}`,
    );
  }
  return sizes;
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [count, rows, columns] = readHeader(bytes, file, IMAGES_MAGIC, 3);
  if (rows === 0 || columns === 0) throw new DataFileError(file, `empty images of ${rows}x${columns}`);
  return { count, rows, columns, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
  const [count] = readHeader(bytes, file, LABELS_MAGIC, 1);
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new DataFileError(file, `label ${labels[bad]} at index ${bad} is not a digit`);
  return { count, labels };
}

/** Images and labels of one split, checked to belong together. */
export function pairImagesWithLabels(
  images: IdxImages,
  labels: IdxLabels,
  imagesFile: string,
  labelsFile: string,
): { images: IdxImages; labels: IdxLabels } {
  if (images.count !== labels.count) {
    throw new DataFileError(
      imagesFile,
      `holds ${images.count} images but ${basename(labelsFile)} holds ${labels.count} labels`,
    );
  }
  return { images, labels };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file whole, turning "no such file" into a `DataFileError`. */
export async function readDataFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(path, code === 'ENOENT' ? 'file not found' : (error as Error).message);
  }
}
