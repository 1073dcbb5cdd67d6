/** What training draws its examples from: MNIST and pen digits, both augmented on the fly. */
import { MNIST_PIXELS as PIXELS } from '../src/digit/types';
import { augmentDigit } from '../src/learning/augment';
import { loadMnist, type Mnist, type Split } from './mnist';
import { byWriters, loadPenDigits, PEN_WRITERS, renderPenDigit, type PenDigit } from './pen';
import { uniform } from '../src/learning/random';
import type { DigitSource } from '../src/learning/fit';

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
      return rendered
        ? augmentDigit(rendered, random, { rotation: 10, translation: 1 })
        : new Float32Array(PIXELS);
    },
  };
}

export interface SourceOptions {
  dataDir: string;
  penData: string | null;
  limit?: number;
  mirrors?: readonly string[];
  verifyChecksums?: boolean;
  onProgress?: (line: string) => void;
}

export interface TrainingData {
  mnist: Mnist;
  /** MNIST images trained on (all, or the first `limit`). */
  mnistCount: number;
  sources: DigitSource[];
  pen: { train: PenDigit[]; tune: PenDigit[]; test: PenDigit[] };
}

/** Loads everything once; the main thread and every gradient helper call this alike. */
export async function loadTrainingSources(options: SourceOptions): Promise<TrainingData> {
  const mnist = await loadMnist(options.dataDir, {
    mirrors: options.mirrors,
    verifyChecksums: options.verifyChecksums ?? true,
    onProgress: options.onProgress,
  });
  const mnistCount = Math.min(options.limit ?? Infinity, mnist.train.images.count);
  const penDigits = options.penData ? await loadPenDigits(options.penData) : [];
  // A quick run (--limit) keeps MNIST's share of the mix: about one pen digit per 12 images.
  const penLimit = options.limit ? Math.ceil(options.limit / 12) : undefined;
  const pen = {
    train: byWriters(penDigits, PEN_WRITERS.train).slice(0, penLimit),
    tune: byWriters(penDigits, PEN_WRITERS.tune),
    test: byWriters(penDigits, PEN_WRITERS.test),
  };
  const sources = [mnistSource(mnist.train, mnistCount)];
  if (pen.train.length) sources.push(penSource(pen.train));
  return { mnist, mnistCount, sources, pen };
}
