/** Synthetic IDX data sets written to temporary folders, so tests never need the real MNIST. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IMAGES_MAGIC, LABELS_MAGIC } from '../../training/idx';
import { MNIST_FILES } from '../../training/mnist';
import { createRandom } from '../../src/learning/random';

export function idxImages(images: Uint8Array[], rows = 28, columns = 28): Uint8Array {
  const bytes = new Uint8Array(16 + images.length * rows * columns);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, IMAGES_MAGIC);
  view.setUint32(4, images.length);
  view.setUint32(8, rows);
  view.setUint32(12, columns);
  images.forEach((image, i) => bytes.set(image, 16 + i * rows * columns));
  return bytes;
}

export function idxLabels(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, LABELS_MAGIC);
  view.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

/** A 5x7 bitmap font of the ten digits: distinct shapes, as MNIST-style normalisation keeps them. */
const GLYPHS = [
  ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
];

/** Class k is glyph k drawn 3x, at a random place, with some ink noise and missing pixels. */
export function syntheticDigit(label: number, random: () => number): Uint8Array {
  const image = new Uint8Array(28 * 28);
  const left = 3 + Math.floor(random() * 8);
  const top = 1 + Math.floor(random() * 5);
  GLYPHS[label].forEach((row, y) => {
    [...row].forEach((cell, x) => {
      if (cell !== '1') return;
      for (let dy = 0; dy < 3; dy++) {
        for (let dx = 0; dx < 3; dx++) {
          if (random() < 0.1) continue;
          image[(top + 3 * y + dy) * 28 + left + 3 * x + dx] = 180 + Math.round(random() * 75);
        }
      }
    });
  });
  for (let i = 0; i < 784; i++) if (random() < 0.01) image[i] = Math.round(random() * 60);
  return image;
}

export function syntheticSplit(count: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const random = createRandom(seed);
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  return {
    images: idxImages(labels.map((label) => syntheticDigit(label, random))),
    labels: idxLabels(labels),
  };
}

/** Writes a synthetic MNIST (gzipped, canonical names) and returns its folder. */
export function writeSyntheticMnist(trainCount = 600, testCount = 200): string {
  const dir = mkdtempSync(join(tmpdir(), 'digitpad-mnist-'));
  const train = syntheticSplit(trainCount, 1);
  const test = syntheticSplit(testCount, 2);
  writeFileSync(join(dir, `${MNIST_FILES.trainImages.name}.gz`), gzipSync(train.images));
  writeFileSync(join(dir, `${MNIST_FILES.trainLabels.name}.gz`), gzipSync(train.labels));
  writeFileSync(join(dir, `${MNIST_FILES.testImages.name}.gz`), gzipSync(test.images));
  writeFileSync(join(dir, `${MNIST_FILES.testLabels.name}.gz`), gzipSync(test.labels));
  return dir;
}
