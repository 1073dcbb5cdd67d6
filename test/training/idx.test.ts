import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DataFileError,
  gunzipIfNeeded,
  pairImagesWithLabels,
  parseIdxImages,
  parseIdxLabels,
} from '../../training/idx';
import { checksumProblem, loadMnist, MNIST_FILES } from '../../training/mnist';
import { idxImages, idxLabels, writeSyntheticMnist } from './fixtures';

const image = (value: number) => new Uint8Array(28 * 28).fill(value);

describe('IDX images', () => {
  it('reads count, size and pixels', () => {
    const parsed = parseIdxImages(idxImages([image(1), image(2), image(3)]), 'x');
    expect(parsed).toMatchObject({ count: 3, rows: 28, columns: 28 });
    expect(parsed.pixels[784 * 2]).toBe(3);
  });

  it.each([
    [
      'truncated data',
      idxImages([image(1), image(2)]).subarray(0, 16 + 784 + 100),
      /truncated: 900 bytes, header 2x28x28 needs 1584/,
    ],
    [
      'a truncated header',
      idxImages([image(1)]).subarray(0, 10),
      /truncated: 10 bytes, shorter than the 16-byte header/,
    ],
    ['trailing bytes', new Uint8Array([...idxImages([image(1)]), 0, 0]), /too long/],
    ['the labels magic number', idxLabels([1, 2]), /wrong magic number 2049, expected 2051/],
  ])('rejects %s, naming the file', (_, bytes, problem) => {
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte.gz')).toThrow(DataFileError);
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte.gz')).toThrow(
      new RegExp(`^train-images-idx3-ubyte.gz: ${problem.source}`),
    );
  });
});

describe('IDX labels', () => {
  it('reads labels', () => {
    expect(Array.from(parseIdxLabels(idxLabels([7, 0, 9]), 'y').labels)).toEqual([7, 0, 9]);
  });

  it.each([
    ['a label above 9', idxLabels([1, 12]), /label 12 at index 1 is not a digit/],
    ['the images magic number', idxImages([image(0)]), /wrong magic number 2051, expected 2049/],
    ['truncated data', idxLabels([1, 2, 3]).subarray(0, 10), /truncated/],
  ])('rejects %s', (_, bytes, problem) => {
    expect(() => parseIdxLabels(bytes, 'labels')).toThrow(problem);
  });

  it('rejects images and labels whose counts differ', () => {
    const images = parseIdxImages(idxImages([image(0), image(0)]), 'a/images');
    const labels = parseIdxLabels(idxLabels([1, 2, 3]), 'a/labels');
    expect(() => pairImagesWithLabels(images, labels, 'a/images', 'a/labels')).toThrow(
      'a/images: holds 2 images but labels holds 3 labels',
    );
  });
});

describe('gzip', () => {
  it('reads gzipped and raw bytes alike', () => {
    const raw = idxLabels([4, 5]);
    expect(Array.from(gunzipIfNeeded(gzipSync(raw), 'f'))).toEqual(Array.from(raw));
    expect(gunzipIfNeeded(raw, 'f')).toBe(raw);
  });

  it('names the file when the gzip stream is corrupt', () => {
    const broken = gzipSync(idxLabels([1, 2, 3, 4])).subarray(0, 20);
    expect(() => gunzipIfNeeded(broken, 'labels.gz')).toThrow(/^labels.gz: not a valid gzip file/);
  });
});

describe('loading MNIST from a folder', () => {
  it('loads a gzipped synthetic set', async () => {
    const mnist = await loadMnist(writeSyntheticMnist(30, 20), { verifyChecksums: false });
    expect(mnist.train.images.count).toBe(30);
    expect(mnist.test.labels.count).toBe(20);
  });

  it('loads raw (not gzipped) files too', async () => {
    const dir = writeSyntheticMnist(30, 20);
    const raw = mkdtempSync(join(tmpdir(), 'digitpad-raw-'));
    for (const file of Object.values(MNIST_FILES)) {
      const { readFileSync } = await import('node:fs');
      const { gunzipSync } = await import('node:zlib');
      writeFileSync(join(raw, file.name), gunzipSync(readFileSync(join(dir, `${file.name}.gz`))));
    }
    const mnist = await loadMnist(raw, { verifyChecksums: false });
    expect(mnist.train.images.count).toBe(30);
  });

  it('refuses files whose checksum is not the canonical one, naming the file', async () => {
    const dir = writeSyntheticMnist(30, 20);
    await expect(loadMnist(dir)).rejects.toThrow(
      /train-images-idx3-ubyte.gz: sha256 [0-9a-f]+ does not match the canonical 440fcabf/,
    );
  });

  it('says which file is missing when it cannot download', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'digitpad-empty-'));
    await expect(loadMnist(empty)).rejects.toThrow(/train-images-idx3-ubyte.gz: file not found/);
  });

  it('accepts the canonical checksum of raw content via md5', () => {
    expect(checksumProblem(new Uint8Array([1, 2, 3]), MNIST_FILES.testLabels)).toMatch(/^md5 /);
  });
});
