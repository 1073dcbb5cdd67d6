/** What training draws its examples from: MNIST and pen digits, both augmented on the fly. */
import { MNIST_SIZE } from '../src/digit/types';
import { augmentDigit } from './augment';
import type { Split } from './mnist';
import { renderPenDigit, type PenDigit } from './pen';
import { uniform } from './random';
import type { DigitSource } from './trainer';

const PIXELS = MNIST_SIZE * MNIST_SIZE;

export function mnistSource(split: Split, count: number): DigitSource {
  const { pixels } = split.images;
  return {
    name: 'mnist',
    count,
    label: (i) => split.labels.labels[i],
    image: (i, random) => {
      const digit = new Float32Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) digit[p] = pixels[i * PIXELS + p] / 255;
      return augmentDigit(digit, random);
    },
  };
}

/** Pen digits drawn afresh each time, with a random pen width, then augmented like MNIST. */
export function penSource(digits: readonly PenDigit[]): DigitSource {
  return {
    name: 'pen',
    count: digits.length,
    label: (i) => digits[i].label,
    image: (i, random) => {
      const rendered = renderPenDigit(digits[i], uniform(random, 0.05, 0.15));
      return rendered ? augmentDigit(rendered, random, { rotation: 10, translation: 1 }) : new Float32Array(PIXELS);
    },
  };
}

