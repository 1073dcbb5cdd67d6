/**
 * What training draws its examples from: MNIST and real pen digits (UCI pen digits, UNIPEN), all
 * augmented on the fly, and, for a model that also says "not a digit", handwritten letters and
 * generated non-digit ink labelled `NOT_DIGIT`.
 */
import {
  MNIST_PIXELS as PIXELS,
  NOT_DIGIT,
  NUM_CLASSES,
  OUTPUTS_WITH_NOT_DIGIT,
  type PenSample,
} from '../src/digit';
import { augmentDigit } from '../src/learning/augment';
import { generateNegative, NEGATIVE_KINDS, NEGATIVE_PAD, type DigitStrokes } from '../src/learning/negatives';
import { loadMnist, type Mnist, type Split } from './mnist';
import { loadPenData, renderAsThePageReads, renderPenDigit, type PenDigit } from './pen';
import { uniform, type Random } from '../src/learning/random';
import type { DigitSource } from '../src/learning/fit';
import {
  DIGIT_LIKE_LETTERS,
  keptAtShare,
  ofGroup,
  penDigitsGroup,
  unipenGroup,
  type WriterGroup,
} from '../src/digit/writerSplit';

export function mnistSource(split: Split, count: number, perEpoch?: number): DigitSource {
  const { pixels } = split.images;
  return {
    name: 'mnist',
    count,
    perEpoch,
    label: (i) => split.labels.labels[i],
    image: (i, random) => {
      const digit = new Float32Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) digit[p] = pixels[i * PIXELS + p] / 255;
      return augmentDigit(digit, random);
    },
  };
}

/** Real pen samples drawn afresh each time with a random pen width, then augmented like MNIST. */
function drawnAfresh(sample: PenSample<number | string>, random: Random): Float32Array {
  const rendered = renderPenDigit(sample, uniform(random, 0.05, 0.15));
  return rendered
    ? augmentDigit(rendered, random, { rotation: 10, translation: 1 })
    : new Float32Array(PIXELS);
}

/** Pen digits (UCI or UNIPEN) drawn afresh each time. */
export function penSource(digits: readonly PenDigit[], name = 'pen'): DigitSource {
  return {
    name,
    count: digits.length,
    label: (i) => digits[i].label,
    image: (i, random) => drawnAfresh(digits[i], random),
  };
}

/**
 * `count` letters an epoch, each a random one of `letters` (the epoch's item seed picks it), all
 * labelled "not a digit".
 */
export function letterSource(letters: readonly PenSample<string>[], count: number): DigitSource {
  return {
    name: 'letters',
    count,
    label: () => NOT_DIGIT,
    image: (_, random) => drawnAfresh(letters[Math.floor(random() * letters.length)], random),
  };
}

/** `count` generated non-digits an epoch, the kinds in turn, drawn as the page draws them. */
export function negativeSource(count: number, digits: readonly DigitStrokes[]): DigitSource {
  return {
    name: 'negatives',
    count,
    label: () => NOT_DIGIT,
    image: (i, random) => {
      const strokes = generateNegative(NEGATIVE_KINDS[i % NEGATIVE_KINDS.length], random, digits);
      const rendered = renderAsThePageReads(strokes, NEGATIVE_PAD.lineWidth);
      return rendered
        ? augmentDigit(rendered, random, { rotation: 10, translation: 1 })
        : new Float32Array(PIXELS);
    },
  };
}

export interface SourceOptions {
  dataDir: string;
  penData: string | null;
  /** UNIPEN digits (pen-data JSON, `site/id` writers), or null. */
  unipenData?: string | null;
  /** UNIPEN letters: real handwriting that is not a digit, or null. */
  lettersData?: string | null;
  /** Generated non-digits per epoch (0 for none). */
  negatives?: number;
  /** MNIST images an epoch, a fresh random choice each epoch; default all. */
  mnistPerEpoch?: number;
  /** The share of the pen and UNIPEN training writers learned from (`keptAtShare`); default all. */
  trainWriters?: number;
  /** How many times an epoch visits each pen and UNIPEN training digit (each visit drawn afresh); default 1. */
  realRepeats?: number;
  limit?: number;
  mirrors?: readonly string[];
  verifyChecksums?: boolean;
  onProgress?: (line: string) => void;
}

/** Letters drawn per epoch (from all the training writers' letters, a fresh draw each epoch). */
export const LETTERS_PER_EPOCH = 6000;

/** The options that shape the training mix. */
type MixOptions = Pick<
  SourceOptions,
  'mnistPerEpoch' | 'realRepeats' | 'trainWriters' | 'negatives' | 'limit'
>;

/**
 * The training mix a run's options make, each default filled in: what the sources below use, and
 * what `metrics.json` records as the run's recipe. `null`: all of MNIST, no limit.
 */
export function trainingMix(options: MixOptions) {
  return {
    mnistPerEpoch: options.mnistPerEpoch ?? null,
    realRepeats: options.realRepeats ?? 1,
    trainWriters: options.trainWriters ?? 1,
    negatives: options.negatives ?? 0,
    limit: options.limit ?? null,
  };
}

/** A model learns "not a digit" when it is shown something that is not one. */
export function outputsFor(options: Pick<SourceOptions, 'lettersData' | 'negatives'>): number {
  return options.lettersData || trainingMix(options).negatives > 0 ? OUTPUTS_WITH_NOT_DIGIT : NUM_CLASSES;
}

/** Samples split by writer: trained on, tuned on, and held out for the reported figures. */
export type ByGroup<T> = Record<WriterGroup, T[]>;

function byGroup<T extends { writer: number | string }>(
  samples: readonly T[],
  groupOf: (w: number | string) => WriterGroup,
): ByGroup<T> {
  return {
    train: ofGroup(samples, groupOf, 'train'),
    tune: ofGroup(samples, groupOf, 'tune'),
    test: ofGroup(samples, groupOf, 'test'),
  };
}

export interface TrainingData {
  mnist: Mnist;
  /** MNIST images trained on (all, or the first `limit`). */
  mnistCount: number;
  sources: DigitSource[];
  pen: ByGroup<PenDigit>;
  unipen: ByGroup<PenDigit>;
  /** Letters that do not look like a digit (the ones that do are in `lookalikes`). */
  letters: ByGroup<PenSample<string>>;
  lookalikes: ByGroup<PenSample<string>>;
}

const none = <T>(): ByGroup<T> => ({ train: [], tune: [], test: [] });

async function loadLetters(path: string | null | undefined) {
  if (!path) return { letters: none<PenSample<string>>(), lookalikes: none<PenSample<string>>() };
  const all = await loadPenData(path, 'letter');
  return {
    letters: byGroup(
      all.filter((l) => !DIGIT_LIKE_LETTERS.has(l.label)),
      unipenGroup,
    ),
    lookalikes: byGroup(
      all.filter((l) => DIGIT_LIKE_LETTERS.has(l.label)),
      unipenGroup,
    ),
  };
}

/** The sources of one training run, in a fixed order (the order is part of what a seed reproduces). */
function trainingSources(data: Omit<TrainingData, 'sources'>, options: SourceOptions): DigitSource[] {
  const mix = trainingMix(options);
  // A quick run (--limit) keeps MNIST's share of the mix.
  const share = (count: number) =>
    mix.limit ? Math.min(count, Math.ceil((count * mix.limit) / 60000)) : count;
  const mnistPerEpoch = mix.mnistPerEpoch === null ? undefined : share(mix.mnistPerEpoch);
  const sources = [mnistSource(data.mnist.train, data.mnistCount, mnistPerEpoch)];
  // Each visit is a source of its own, so its items get their own seeds in the epoch's order.
  for (let visit = 1; visit <= mix.realRepeats; visit++) {
    if (data.pen.train.length) sources.push(penSource(data.pen.train));
    if (data.unipen.train.length) sources.push(penSource(data.unipen.train, 'unipen'));
  }
  if (data.letters.train.length) sources.push(letterSource(data.letters.train, share(LETTERS_PER_EPOCH)));
  const negatives = share(mix.negatives);
  const digitStrokes = [...data.pen.train, ...data.unipen.train].map((d) => d.strokes);
  if (negatives > 0) sources.push(negativeSource(negatives, digitStrokes));
  return sources;
}

/** Loads everything once; the main thread and every gradient helper call this alike. */
export async function loadTrainingSources(options: SourceOptions): Promise<TrainingData> {
  const mnist = await loadMnist(options.dataDir, {
    mirrors: options.mirrors,
    verifyChecksums: options.verifyChecksums ?? true,
    onProgress: options.onProgress,
  });
  const mnistCount = Math.min(options.limit ?? Infinity, mnist.train.images.count);
  // A quick run (--limit) keeps MNIST's share of the mix: about one pen digit per 12 images.
  const penLimit = options.limit ? Math.ceil(options.limit / 12) : undefined;
  const pen = byGroup(options.penData ? await loadPenData(options.penData, 'digit') : [], penDigitsGroup);
  pen.train = pen.train.slice(0, penLimit);
  const unipen = byGroup(
    options.unipenData ? await loadPenData(options.unipenData, 'digit') : [],
    unipenGroup,
  );
  unipen.train = unipen.train.slice(0, penLimit);
  const { letters, lookalikes } = await loadLetters(options.lettersData);
  const share = trainingMix(options).trainWriters;
  const kept = <T extends { writer: number | string }>(samples: T[]) =>
    samples.filter((sample) => keptAtShare(sample.writer, share));
  pen.train = kept(pen.train);
  unipen.train = kept(unipen.train);
  letters.train = kept(letters.train);
  const data = { mnist, mnistCount, pen, unipen, letters, lookalikes };
  return { ...data, sources: trainingSources(data, options) };
}
