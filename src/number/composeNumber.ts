/**
 * Numbers written by real people, for measuring how well numbers are read: real digit samples of
 * one writer (pen data: UCI pen digits, UNIPEN) laid side by side as a person writes a number on
 * the pad, from touching to widely spaced, with uneven sizes and a sloping baseline, strokes in
 * writing order, and sometimes the second stroke of a 4, 5 or 7 drawn after the next digit (the
 * bar of a 4 or 5, the crossbar of a 7, added once the number is written). Pure and seeded.
 */
import { strokeBounds, type PenSample, type Point, type Stroke } from '../digit';
import { uniform, type Random } from '../learning/random';

/** One writer's digits, by label: `byLabel[7]` holds their 7s (possibly none). */
export interface WriterDigits {
  readonly writer: number | string;
  readonly byLabel: readonly (readonly PenSample<number>[])[];
}

export interface ComposedNumber {
  readonly writer: number | string;
  /** The true digits, left to right. */
  readonly digits: readonly number[];
  /** The pad's strokes in writing order, CSS px. */
  readonly strokes: readonly Stroke[];
  /** For each digit, left to right, the indices of its strokes in `strokes`, ascending. */
  readonly digitStrokes: readonly (readonly number[])[];
  /** Whether a 4, 5 or 7 had its second stroke drawn after the next digit. */
  readonly delayedStroke: boolean;
}

export interface ComposeOptions {
  /** The pad, CSS px. */
  readonly pad: { readonly width: number; readonly height: number };
  /** How many digits, drawn uniformly from this inclusive range. */
  readonly digits?: readonly [number, number];
  /** A number's digit height, as a share of the pad's height. */
  readonly height?: readonly [number, number];
  /** Each digit's height varies by up to this share of the number's. */
  readonly sizeJitter?: number;
  /** The gap between digits' boxes, in digit heights: negative overlaps, 0 touches. */
  readonly gap?: readonly [number, number];
  /** How much each digit's gap varies around the number's, in digit heights. */
  readonly gapJitter?: number;
  /** The baseline's slope (rise over run), at most this either way, and each digit's jitter off it. */
  readonly slope?: number;
  readonly baselineJitter?: number;
  /** Share of numbers with a 4, 5 or 7 (of 2+ strokes, not last) that finish it after the next digit. */
  readonly delayedShare?: number;
}

const COMPOSE_DEFAULTS = {
  digits: [2, 6] as const,
  height: [0.3, 0.6] as const,
  sizeJitter: 0.15,
  gap: [-0.08, 0.6] as const,
  gapJitter: 0.05,
  slope: 0.12,
  baselineJitter: 0.05,
  delayedShare: 0.3,
};

/** Keeps ink (the pen is about 4.5% of the pad wide) off the pad's edge. */
const EDGE_MARGIN = 0.06;
const DELAYABLE = new Set([4, 5, 7]);

/** Each writer's digits by label, writers in first-seen order. */
export function digitsByWriter(samples: readonly PenSample<number>[]): WriterDigits[] {
  const writers = new Map<number | string, PenSample<number>[][]>();
  for (const sample of samples) {
    const byLabel = writers.get(sample.writer) ?? Array.from({ length: 10 }, () => []);
    byLabel[sample.label].push(sample);
    writers.set(sample.writer, byLabel);
  }
  return [...writers].map(([writer, byLabel]) => ({ writer, byLabel }));
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)];
const between = (random: Random, [low, high]: readonly [number, number]) => uniform(random, low, high);

/** `count` samples of the writer's, each of a digit they wrote, chosen at random. */
function chooseSamples(writer: WriterDigits, count: number, random: Random): PenSample<number>[] {
  const labels = writer.byLabel.flatMap((samples, label) => (samples.length ? [label] : []));
  return Array.from({ length: count }, () => pick(writer.byLabel[pick(labels, random)], random));
}

/** A sample scaled to `height` px tall, its box's top-left corner at (left, top). */
function placed(sample: PenSample<number>, height: number, left: number, top: number): Stroke[] {
  const bounds = strokeBounds(sample.strokes) ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  const ownHeight = Math.max(bounds.maxY - bounds.minY, (bounds.maxX - bounds.minX) / 2, 1);
  const scale = height / ownHeight;
  return sample.strokes.map((stroke) =>
    stroke.map((p) => ({ x: left + (p.x - bounds.minX) * scale, y: top + (p.y - bounds.minY) * scale })),
  );
}

type Rules = Required<Omit<ComposeOptions, 'pad'>>;

/** The samples written side by side on a sloping baseline, in some unit the pad fit rescales. */
function layOut(samples: readonly PenSample<number>[], rules: Rules, random: Random): Stroke[][] {
  const height = 100;
  const gap = between(random, rules.gap);
  const slope = uniform(random, -rules.slope, rules.slope);
  let cursor = 0;
  return samples.map((sample) => {
    const own = height * (1 + uniform(random, -rules.sizeJitter, rules.sizeJitter));
    const baseline = height + slope * cursor + uniform(random, -1, 1) * rules.baselineJitter * height;
    const strokes = placed(sample, own, cursor, baseline - own);
    const right = strokeBounds(strokes)?.maxX ?? cursor;
    const ownGap = (gap + uniform(random, -rules.gapJitter, rules.gapJitter)) * height;
    // Overlap at most a third of the digit's width: people's digits touch, they do not swallow a 1.
    cursor = right + Math.max(ownGap, -(right - cursor) / 3);
    return strokes;
  });
}

/** Scales and moves the number into the pad: `height` of it tall, or less if it would not fit. */
function fitToPad(digits: readonly Stroke[][], pad: ComposeOptions['pad'], height: number, random: Random) {
  const bounds = strokeBounds(digits.flat()) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const margin = EDGE_MARGIN * Math.min(pad.width, pad.height);
  const [width, tall] = [bounds.maxX - bounds.minX, bounds.maxY - bounds.minY];
  const scale = Math.min(
    (height * pad.height) / 100,
    (pad.width - 2 * margin) / Math.max(width, 1),
    (pad.height - 2 * margin) / Math.max(tall, 1),
  );
  const left = margin + random() * (pad.width - 2 * margin - width * scale);
  const top = margin + random() * (pad.height - 2 * margin - tall * scale);
  const move = (p: Point) => ({
    x: left + (p.x - bounds.minX) * scale,
    y: top + (p.y - bounds.minY) * scale,
  });
  return digits.map((strokes) => strokes.map((stroke) => stroke.map(move)));
}

/** Which digit (if any) finishes after the next one: a 4, 5 or 7 of two or more strokes, not last. */
function delayedDigit(samples: readonly PenSample<number>[], share: number, random: Random): number {
  const eligible = samples.flatMap((sample, i) =>
    i < samples.length - 1 && DELAYABLE.has(sample.label) && sample.strokes.length > 1 ? [i] : [],
  );
  return eligible.length && random() < share ? pick(eligible, random) : -1;
}

/** Digit and stroke of each stroke in writing order; the delayed digit's later strokes follow the next digit. */
function writingOrder(digits: readonly Stroke[][], delayed: number): [number, number][] {
  const order = digits.flatMap((strokes, d) => strokes.map((_, s): [number, number] => [d, s]));
  if (delayed < 0) return order;
  const late = order.filter(([d, s]) => d === delayed && s > 0);
  const rest = order.filter(([d, s]) => !(d === delayed && s > 0));
  const afterNext = rest.map(([d]) => d).lastIndexOf(delayed + 1) + 1;
  return [...rest.slice(0, afterNext), ...late, ...rest.slice(afterNext)];
}

/**
 * These samples (one writer's, in this order) written as one number on the pad, as `options`
 * says; a single sample is one digit drawn as a person draws it on its own.
 */
export function composeFromSamples(
  samples: readonly PenSample<number>[],
  random: Random,
  options: ComposeOptions,
): ComposedNumber {
  const rules: Rules = { ...COMPOSE_DEFAULTS, ...options };
  const height = between(random, rules.height);
  const digits = fitToPad(layOut(samples, rules, random), options.pad, height, random);
  const delayed = delayedDigit(samples, rules.delayedShare, random);
  const order = writingOrder(digits, delayed);
  return {
    writer: samples[0].writer,
    digits: samples.map((sample) => sample.label),
    strokes: order.map(([d, s]) => digits[d][s]),
    digitStrokes: digits.map((_, d) => order.flatMap(([od], i) => (od === d ? [i] : []))),
    delayedStroke: delayed >= 0,
  };
}

/** One number by one writer of `pool`, of a length in `options.digits`, laid out as `options` says. */
export function composeNumber(
  pool: readonly WriterDigits[],
  random: Random,
  options: ComposeOptions,
): ComposedNumber {
  const [fewest, most] = options.digits ?? COMPOSE_DEFAULTS.digits;
  const writer = pick(pool, random);
  const samples = chooseSamples(writer, fewest + Math.floor(random() * (most - fewest + 1)), random);
  return composeFromSamples(samples, random, options);
}
