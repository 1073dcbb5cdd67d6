/**
 * The four MNIST files: where they are, what they must hash to, and how to fetch them when they
 * are missing. Checksums are of the canonical `.gz` files (sha256) and of their uncompressed
 * content (md5 is what is published for those), so both forms are verified.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DataFileError,
  gunzipIfNeeded,
  isGzip,
  pairImagesWithLabels,
  parseIdxImages,
  parseIdxLabels,
  readDataFile,
  sha256,
  type IdxImages,
  type IdxLabels,
} from './idx';

export interface MnistFile {
  readonly name: string;
  readonly gzipSha256: string;
  readonly rawMd5: string;
}

export const MNIST_FILES = {
  trainImages: {
    name: 'train-images-idx3-ubyte',
    gzipSha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    rawMd5: '6bbc9ace898e44ae57da46a324031adb',
  },
  trainLabels: {
    name: 'train-labels-idx1-ubyte',
    gzipSha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    rawMd5: 'a25bea736e30d166cdddb491f175f624',
  },
  testImages: {
    name: 't10k-images-idx3-ubyte',
    gzipSha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    rawMd5: '2646ac647ad5339dbf082846283269ea',
  },
  testLabels: {
    name: 't10k-labels-idx1-ubyte',
    gzipSha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    rawMd5: '27ae3e4e09519cfbb04c329615203637',
  },
} as const satisfies Record<string, MnistFile>;

/** Public mirrors of the canonical files, tried in order. `--mirror URL` puts one first. */
export const DEFAULT_MIRRORS = [
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
];

export interface Split {
  readonly images: IdxImages;
  readonly labels: IdxLabels;
}

export interface Mnist {
  readonly train: Split;
  readonly test: Split;
}

/** Which checksum a file's bytes must match, gzipped or raw; null when they do. */
export function checksumProblem(bytes: Uint8Array, file: MnistFile): string | null {
  if (isGzip(bytes)) {
    const found = sha256(bytes);
    return found === file.gzipSha256
      ? null
      : `sha256 ${found} does not match the canonical ${file.gzipSha256}`;
  }
  const found = createHash('md5').update(bytes).digest('hex');
  return found === file.rawMd5 ? null : `md5 ${found} does not match the canonical ${file.rawMd5}`;
}

export interface LoadOptions {
  /** Check the bytes against the canonical checksums. Tests with synthetic files turn this off. */
  verifyChecksums?: boolean;
  /** When a file is missing: fetch it (into `dataDir`) from these mirrors; empty = fail. */
  mirrors?: readonly string[];
  onProgress?: (message: string) => void;
  fetchImpl?: typeof fetch;
}

async function readMnistFile(
  dataDir: string,
  file: MnistFile,
  options: LoadOptions,
): Promise<{ path: string; raw: Uint8Array }> {
  const { verifyChecksums = true, mirrors = [] } = options;
  const candidates = [join(dataDir, `${file.name}.gz`), join(dataDir, file.name)];
  let path: string | undefined;
  let bytes: Uint8Array | undefined;
  for (const candidate of candidates) {
    try {
      bytes = await readDataFile(candidate);
      path = candidate;
      break;
    } catch (error) {
      if (!(error instanceof DataFileError && error.message.endsWith('file not found'))) throw error;
    }
  }
  if (!bytes || !path) {
    if (mirrors.length === 0) throw new DataFileError(candidates[0], 'file not found');
    path = candidates[0];
    bytes = await download(file, path, mirrors, options);
  }
  if (verifyChecksums) {
    const problem = checksumProblem(bytes, file);
    if (problem) throw new DataFileError(path, problem);
  }
  return { path, raw: gunzipIfNeeded(bytes, path) };
}

/** The body of `response`, reporting progress every 10% (or every chunk when the size is unknown). */
async function readWithProgress(response: Response, label: string, onProgress: (line: string) => void) {
  const total = Number(response.headers.get('content-length')) || 0;
  const chunks: Uint8Array[] = [];
  let received = 0;
  let reported = -1;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    received += chunk.length;
    const percent = total ? Math.floor((100 * received) / total) : -1;
    if (percent !== reported && (percent % 10 === 0 || percent === -1)) {
      reported = percent;
      onProgress(`${label}: ${total ? `${percent}%` : `${received} bytes`}`);
    }
  }
  return Buffer.concat(chunks);
}

/** Fetches `file` from the first mirror that has it with the right checksum, then writes it atomically. */
export async function download(
  file: MnistFile,
  destination: string,
  mirrors: readonly string[],
  options: LoadOptions = {},
): Promise<Uint8Array> {
  const { onProgress = () => {}, fetchImpl = fetch } = options;
  const problems: string[] = [];
  for (const mirror of mirrors) {
    const url = new URL(`${file.name}.gz`, mirror.endsWith('/') ? mirror : `${mirror}/`).href;
    try {
      const response = await fetchImpl(url);
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const bytes = await readWithProgress(response, `${file.name}.gz from ${url}`, onProgress);
      const problem = isGzip(bytes) ? checksumProblem(bytes, file) : 'not a gzip file';
      if (problem) throw new Error(problem);
      await mkdir(join(destination, '..'), { recursive: true });
      const partial = `${destination}.partial-${process.pid}`;
      await writeFile(partial, bytes);
      await rename(partial, destination);
      return new Uint8Array(bytes);
    } catch (error) {
      problems.push(`${url}: ${(error as Error).message}`);
    }
  }
  await rm(`${destination}.partial-${process.pid}`, { force: true });
  throw new DataFileError(destination, `missing, and no mirror served it (${problems.join('; ')})`);
}

async function loadSplit(
  dataDir: string,
  imagesFile: MnistFile,
  labelsFile: MnistFile,
  options: LoadOptions,
): Promise<Split> {
  const images = await readMnistFile(dataDir, imagesFile, options);
  const labels = await readMnistFile(dataDir, labelsFile, options);
  return pairImagesWithLabels(
    parseIdxImages(images.raw, images.path),
    parseIdxLabels(labels.raw, labels.path),
    images.path,
    labels.path,
  );
}

export async function loadMnist(dataDir: string, options: LoadOptions = {}): Promise<Mnist> {
  return {
    train: await loadSplit(dataDir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, options),
    test: await loadSplit(dataDir, MNIST_FILES.testImages, MNIST_FILES.testLabels, options),
  };
}
