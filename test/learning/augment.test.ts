import { describe, expect, it } from 'vitest';
import { centerOfMass, MNIST_SIZE } from '../../src/digit';
import { augmentDigit } from '../../src/learning/augment';
import { createRandom } from '../../src/learning/random';
import { mnistSource } from '../../training/sources';
import { pairImagesWithLabels, parseIdxImages, parseIdxLabels } from '../../training/idx';
import { syntheticSplit } from '../training/fixtures';

const split = syntheticSplit(40, 7);
const images = parseIdxImages(split.images, 'images');
const labels = parseIdxLabels(split.labels, 'labels');
const digit = (i: number) =>
  Float32Array.from(images.pixels.subarray(i * 784, (i + 1) * 784), (v) => v / 255);

describe('augmentDigit', () => {
  it.each(Array.from({ length: 20 }, (_, seed) => seed))(
    'keeps shape and range, centred (seed %i)',
    (seed) => {
      const out = augmentDigit(digit(seed), createRandom(seed), { identity: 0 });
      expect(out).toHaveLength(MNIST_SIZE * MNIST_SIZE);
      expect(out.every((v) => v >= 0 && v <= 1 && !Number.isNaN(v))).toBe(true);
      const com = centerOfMass({ width: 28, height: 28, data: out })!;
      expect(Math.hypot(com.x - 14, com.y - 14)).toBeLessThan(0.5);
    },
  );

  it('is reproducible from the seed and varies between seeds', () => {
    const a = augmentDigit(digit(3), createRandom(42), { identity: 0 });
    const b = augmentDigit(digit(3), createRandom(42), { identity: 0 });
    const c = augmentDigit(digit(3), createRandom(43), { identity: 0 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('does not change its input', () => {
    const input = digit(5);
    const copy = input.slice();
    augmentDigit(input, createRandom(1), { identity: 0 });
    expect(input).toEqual(copy);
  });
});

describe('the MNIST training source', () => {
  it('keeps every label with its image while the image varies', () => {
    const source = mnistSource(pairImagesWithLabels(images, labels, 'i', 'l'), 40);
    const random = createRandom(9);
    for (let i = 0; i < 40; i++) {
      expect(source.label(i)).toBe(labels.labels[i]);
      expect(source.image(i, random)).toHaveLength(784);
    }
  });
});
