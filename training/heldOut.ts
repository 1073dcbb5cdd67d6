/**
 * What a model is measured on, prepared once per run: MNIST's test set, the real handwriting of
 * writers neither training nor tuning saw (UCI pen digits writers 25-30, UNIPEN's test writers),
 * their letters, generated non-digits, and the same digits drawn small and big on a pad. The
 * tuning writers' digits choose the "not a digit" threshold; every reported figure comes from the
 * test writers.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { inkShape, MNIST_PIXELS, NOT_DIGIT, type InkShape, type PenSample, type Stroke } from '../src/digit';
import { evaluation, predictOutputs, type LabelledInputs } from '../src/learning/evaluate';
import { generateNegative, NEGATIVE_KINDS, NEGATIVE_PAD, type NegativeKind } from '../src/learning/negatives';
import {
  auroc,
  chooseThreshold,
  expectedCalibrationError,
  readRow,
  shareAtLeast,
  type RowReading,
} from '../src/learning/openSet';
import { createRandom } from '../src/learning/random';
import { judge } from '../src/recognition/verdict';
import type { Split } from './mnist';
import { lineWidthForPad } from '../src/pad/padGeometry';
import { EVAL_PEN_RATIOS, penForRatio, renderAsThePageReads, renderPenDigit, scaledToHeight } from './pen';
import type { TrainingData } from './sources';

/** The pen width the single-width sets are drawn at: the middle of `EVAL_PEN_RATIOS`. */
const MIDDLE_RATIO = EVAL_PEN_RATIOS[1];
/** The pad the size figure draws on, and the heights it compares (fractions of the pad). */
export const SIZE_PAD = 400;
export const SIZE_HEIGHTS = [0.1, 0.6] as const;
/** Generated non-digits per kind in the reported figure, from a seed training never uses. */
const GENERATED_PER_KIND = 200;
const GENERATED_SEED = 0x5eed0ff;
/** The most tuning digits the threshold may call "not a digit": half the 1% the test allows. */
export const MAX_TUNING_DIGIT_REJECTION = 0.005;

/**
 * A held-out set: inputs and labels, and for a set drawn from strokes what each one's shape says
 * (`inkShape`), which the page's verdict heeds before the model's.
 */
export interface HeldOutSet extends LabelledInputs {
  readonly ink?: readonly InkShape[];
  /** Who wrote each sample, for a set of real handwriting. */
  readonly writers?: readonly string[];
  /** What each sample is, as its writer wrote it: a letter, for the sets of letters. */
  readonly written?: readonly string[];
}

/** One sample as the page takes it: the model's input, and what the ink's shape says. */
interface PageDrawing {
  readonly input: Float32Array | null;
  readonly ink: InkShape;
}

/** Inputs laid end to end, their labels (`-1` for a sample that is not a digit) and their shapes. */
function stack(drawn: readonly PageDrawing[], labels: readonly number[]): HeldOutSet {
  const inputs = new Float32Array(drawn.length * MNIST_PIXELS);
  drawn.forEach(({ input }, i) => input && inputs.set(input, i * MNIST_PIXELS));
  return { inputs, labels, ink: drawn.map((d) => d.ink) };
}

/** Strokes drawn as the page reads them on a pad whose pen is `padLineWidth` wide. */
const onPad = (strokes: readonly Stroke[], padLineWidth: number): PageDrawing => ({
  input: renderAsThePageReads(strokes, padLineWidth),
  ink: inkShape(strokes, padLineWidth),
});

/** A sample drawn with a pen `ratio` of its own size wide (`renderPenDigit`). */
const withPenRatio = (sample: PenSample<number | string>, ratio: number): PageDrawing => ({
  input: renderPenDigit(sample, ratio),
  ink: inkShape(sample.strokes, penForRatio(sample, ratio)),
});

const atRatio = (
  samples: readonly PenSample<number | string>[],
  ratio: number,
  label: (s: PenSample<number | string>) => number,
) => ({
  ...stack(
    samples.map((s) => withPenRatio(s, ratio)),
    samples.map(label),
  ),
  writers: samples.map((s) => String(s.writer)),
  written: samples.map((s) => String(s.label)),
});
const digitLabel = (s: PenSample<number | string>) => Number(s.label);
const noDigit = () => -1;

/**
 * The held-out sets by name, in a fixed order: `mnist`, `pen R` and `unipen R` (the test writers'
 * digits at each of `EVAL_PEN_RATIOS`), `letters` and `lookalikes` (the test writers' letters that
 * do not and do look like digits), `generated` (non-digits: measured for a model that can say "not
 * a digit", or on request), `size H` (the test writers' digits drawn at each of `SIZE_HEIGHTS` of a
 * pad), `tuning` (the tuning writers' digits: they choose the threshold) and `tuning letters`
 * (their letters that do not look like digits: with the digits, they choose between runs). A set
 * without samples is left out.
 */
export type HeldOutSets = ReadonlyMap<string, HeldOutSet>;

/** A held-out set not drawn yet: its size is known before, and any thread can draw it. */
export interface SetMaker {
  readonly count: number;
  readonly draw: () => HeldOutSet;
}

export const penSetName = (source: 'pen' | 'unipen', ratio: number) => `${source} ${ratio}`;
const sizeSetName = (height: number) => `size ${height}`;

const generatedKinds = () =>
  NEGATIVE_KINDS.flatMap((kind) => Array.from({ length: GENERATED_PER_KIND }, () => kind));

function generatedSet(digits: readonly PenSample<number>[]): HeldOutSet {
  const random = createRandom(GENERATED_SEED);
  const strokes = digits.map((d) => d.strokes);
  const kinds = generatedKinds();
  const drawn = kinds.map((kind) => onPad(generateNegative(kind, random, strokes), NEGATIVE_PAD.lineWidth));
  return stack(drawn, kinds.map(noDigit));
}

/** Every held-out set (`HeldOutSets`), undrawn. */
export function heldOutMakers(
  mnistTest: Split,
  data: TrainingData,
  withGenerated = true,
): Map<string, SetMaker> {
  const realTest = [...data.pen.test, ...data.unipen.test];
  const tuning = [...data.pen.tune, ...data.unipen.tune];
  const makers = new Map<string, SetMaker>();
  const add = (name: string, count: number, draw: () => HeldOutSet) => {
    if (count) makers.set(name, { count, draw });
  };
  add('mnist', mnistTest.labels.labels.length, () => ({
    inputs: Float32Array.from(mnistTest.images.pixels, (v) => v / 255),
    labels: mnistTest.labels.labels,
  }));
  for (const source of ['pen', 'unipen'] as const)
    for (const ratio of EVAL_PEN_RATIOS)
      add(penSetName(source, ratio), data[source].test.length, () =>
        atRatio(data[source].test, ratio, digitLabel),
      );
  add('letters', data.letters.test.length, () => atRatio(data.letters.test, MIDDLE_RATIO, noDigit));
  add('lookalikes', data.lookalikes.test.length, () => atRatio(data.lookalikes.test, MIDDLE_RATIO, noDigit));
  if (withGenerated) add('generated', generatedKinds().length, () => generatedSet(realTest));
  for (const height of SIZE_HEIGHTS) {
    const draw = (s: PenSample<number>) => {
      const strokes = scaledToHeight(s, height * SIZE_PAD);
      return strokes ? onPad(strokes, lineWidthForPad(SIZE_PAD)) : { input: null, ink: 'too-small' as const };
    };
    add(sizeSetName(height), realTest.length, () => stack(realTest.map(draw), realTest.map(digitLabel)));
  }
  add('tuning', tuning.length, () => atRatio(tuning, MIDDLE_RATIO, digitLabel));
  add('tuning letters', data.letters.tune.length, () => atRatio(data.letters.tune, MIDDLE_RATIO, noDigit));
  return makers;
}

/** Every held-out set, drawn here, one after another. */
export function heldOutSets(mnistTest: Split, data: TrainingData, withGenerated = true): HeldOutSets {
  const makers = heldOutMakers(mnistTest, data, withGenerated);
  return new Map([...makers].map(([name, maker]) => [name, maker.draw()]));
}

/** Named things (sets, or a model's readings of them) in the shape the figures take them. */
function arrange<T>(byName: ReadonlyMap<string, T>) {
  const all = (names: readonly string[]) =>
    names.filter((name) => byName.has(name)).map((name) => byName.get(name) as T);
  return {
    mnist: byName.get('mnist'),
    pen: all(EVAL_PEN_RATIOS.map((ratio) => penSetName('pen', ratio))),
    unipen: all(EVAL_PEN_RATIOS.map((ratio) => penSetName('unipen', ratio))),
    letters: byName.get('letters'),
    lookalikes: byName.get('lookalikes'),
    generated: byName.get('generated'),
    sizes: all(SIZE_HEIGHTS.map(sizeSetName)),
    tuning: byName.get('tuning'),
    tuningLetters: byName.get('tuning letters'),
  };
}

/** A model's outputs for one set: a row of `width` per sample, end to end. */
export interface SetOutputs {
  readonly outputs: Float32Array;
  readonly width: number;
}

/** What `model` outputs for each of `sets`, by name. */
export async function predictSets(
  model: LayersModel,
  sets: ReadonlyMap<string, LabelledInputs>,
): Promise<Map<string, SetOutputs>> {
  const outputs = new Map<string, SetOutputs>();
  for (const [name, set] of sets)
    outputs.set(name, await predictOutputs(model, set.inputs, set.labels.length));
  return outputs;
}

/** Each set's outputs read row by row as the page reads them, arranged for the figures. */
function readAll(outputs: ReadonlyMap<string, SetOutputs>) {
  const rows = new Map(
    [...outputs].map(([name, { outputs: values, width }]) => [
      name,
      Array.from({ length: values.length / width }, (_, i) => readRow(values, width, i)),
    ]),
  );
  const read = arrange(rows);
  if (!read.mnist) throw new Error('no outputs for the MNIST test set');
  const { mnist, tuning = [], tuningLetters = [], letters = [], lookalikes = [], generated = [] } = read;
  return { ...read, mnist, tuning, tuningLetters, letters, lookalikes, generated };
}

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
const accuracyOf = (rows: readonly RowReading[], labels: ArrayLike<number>) =>
  rows.filter((row, i) => row.digit === labels[i]).length / rows.length;

/** What the ink's shape says of row `i` of a set: `readable` for a set not drawn from strokes (MNIST). */
const inkOf = (set: HeldOutSet | undefined, i: number): InkShape => set?.ink?.[i] ?? 'readable';

/** The page's verdict on each row (`judge`, at this threshold, heeding the ink's shape). */
const verdictKinds = (rows: readonly RowReading[], threshold: number, set: HeldOutSet | undefined) =>
  rows.map(
    (r, i) => judge({ outputs: r.outputs, ink: inkOf(set, i) }, { output: NOT_DIGIT, threshold }).kind,
  );

type VerdictKind = ReturnType<typeof verdictKinds>[number];

/** The page's verdicts on a set's rows (`verdictKinds`), as shares of the set. */
function verdictShares(kinds: readonly VerdictKind[]) {
  const shareOf = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
  return { notDigit: shareOf('not-digit'), unsure: shareOf('unsure') };
}

/** One letter of a set of letters: how many were drawn, and how many the page took for a sure digit. */
export interface LetterFigure {
  readonly letter: string;
  readonly count: number;
  readonly takenForDigit: number;
}

/**
 * The letters the page answers with a sure digit (neither "not a digit" nor unsure), most such
 * answers first: a few letters make most of them (README, "Writer by writer").
 */
export function letterFigures(kinds: readonly VerdictKind[], set: HeldOutSet): LetterFigure[] {
  const tally = new Map<string, { count: number; takenForDigit: number }>();
  kinds.forEach((kind, i) => {
    const letter = set.written?.[i] ?? '?';
    const counts = tally.get(letter) ?? { count: 0, takenForDigit: 0 };
    counts.count++;
    if (kind === 'digit') counts.takenForDigit++;
    tally.set(letter, counts);
  });
  return [...tally]
    .map(([letter, counts]) => ({ letter, ...counts }))
    .filter((figure) => figure.takenForDigit > 0)
    .sort((a, b) => b.takenForDigit - a.takenForDigit || a.letter.localeCompare(b.letter));
}

/** One writer's digits in a held-out set: how many, and the share read right. */
export interface WriterFigure {
  readonly writer: string;
  readonly count: number;
  readonly accuracy: number;
}

/**
 * Each writer's digits and the share of them read right, over every pen width, worst first: a
 * few writers make most of a set's errors (README, "Writer by writer").
 */
export function writerFigures(
  sets: readonly RowReading[][],
  labelled: readonly HeldOutSet[],
): WriterFigure[] {
  const tally = new Map<string, { right: number; read: number }>();
  sets.forEach((rows, s) => {
    const { labels, writers } = labelled[s];
    rows.forEach((row, i) => {
      const writer = writers?.[i] ?? '?';
      const counts = tally.get(writer) ?? { right: 0, read: 0 };
      counts.read++;
      if (row.digit === labels[i]) counts.right++;
      tally.set(writer, counts);
    });
  });
  return [...tally]
    .map(([writer, { right, read }]) => ({ writer, count: read / sets.length, accuracy: right / read }))
    .sort((a, b) => a.accuracy - b.accuracy || a.writer.localeCompare(b.writer));
}

/** Accuracy, and the share answered "not a digit", of digit sets (the mean over pen widths). */
function digitFigures(sets: readonly RowReading[][], labelled: readonly HeldOutSet[], threshold: number) {
  const accuracies = sets.map((rows, s) => accuracyOf(rows, labelled[s].labels));
  const shares = sets.map((rows, s) => verdictShares(verdictKinds(rows, threshold, labelled[s])));
  return {
    count: labelled[0].labels.length,
    accuracy: mean(accuracies),
    byPenWidth: Object.fromEntries(EVAL_PEN_RATIOS.map((r, i) => [String(r), accuracies[i]])),
    byWriter: writerFigures(sets, labelled),
    notDigit: mean(shares.map((share) => share.notDigit)),
    unsure: mean(shares.map((share) => share.unsure)),
  };
}

export type HeldOutFigures = ReturnType<typeof heldOutFigures>;

const notDigitScores = (rows: readonly RowReading[]) => rows.map((r) => r.notDigit);

/** Every held-out figure of `model`; `threshold` null: choose it on the tuning writers. */
export async function measureHeldOut(model: LayersModel, sets: HeldOutSets, threshold: number | null = null) {
  return heldOutFigures(await predictSets(model, sets), sets, threshold);
}

/**
 * The tuning writers: the share of their digits the threshold calls "not a digit", and the share
 * read right; the share of their letters (those that do not look like digits) answered "not a
 * digit" or unsure, as the test writers' letters figure counts them. None is a reported figure.
 * The digits choose the threshold; digits and letters together choose between training runs,
 * since one run moves the test writers' figures by a few tenths, and a run can trade one for the
 * other (stop 26's higher learning rate: docs/experiments.md).
 */
function tuningFigures(
  rows: { tuning: readonly RowReading[]; tuningLetters: readonly RowReading[] },
  sets: { tuning?: HeldOutSet; tuningLetters?: HeldOutSet },
  threshold: number,
) {
  const { tuning, tuningLetters } = rows;
  const letters = tuningLetters.length
    ? verdictShares(verdictKinds(tuningLetters, threshold, sets.tuningLetters))
    : null;
  return {
    tuningDigitsNotDigit: tuning.length ? shareAtLeast(notDigitScores(tuning), threshold) : null,
    tuningDigitsAccuracy: tuning.length && sets.tuning ? accuracyOf(tuning, sets.tuning.labels) : null,
    tuningLettersRejected: letters ? letters.notDigit + letters.unsure : null,
  };
}

/** The test writers' letters: the page's verdicts, and which letters it takes for digits. */
function lettersFigures(rows: readonly RowReading[], set: HeldOutSet | undefined, threshold: number) {
  if (!rows.length || !set) return null;
  const kinds = verdictKinds(rows, threshold, set);
  return {
    count: rows.length,
    ...verdictShares(kinds),
    byLetter: letterFigures(kinds, set),
  };
}

/** Every held-out figure of a model from its outputs for `drawn` (computed anywhere, `predictSets`). */
export function heldOutFigures(
  outputs: ReadonlyMap<string, SetOutputs>,
  drawn: HeldOutSets,
  threshold: number | null = null,
) {
  const rows = readAll(outputs);
  const sets = arrange(drawn);
  if (!sets.mnist) throw new Error('no MNIST test set');
  const { tuning, pen, unipen, letters, lookalikes } = rows;
  const chosen =
    threshold ?? (tuning.length ? chooseThreshold(notDigitScores(tuning), MAX_TUNING_DIGIT_REJECTION) : 1);
  // The digits at the middle pen width: what the separation and the calibration are measured on.
  const middle = [...(pen[1] ?? []), ...(unipen[1] ?? [])];
  const middleLabels = [sets.pen[1], sets.unipen[1]].flatMap((set) => (set ? Array.from(set.labels) : []));
  const correct = middle.map((r, i) => r.digit === middleLabels[i]);
  return {
    threshold: chosen,
    mnist: evaluation(
      rows.mnist.map((r) => r.digit),
      sets.mnist.labels,
    ),
    pen: pen.length ? digitFigures(pen, sets.pen, chosen) : null,
    unipen: unipen.length ? digitFigures(unipen, sets.unipen, chosen) : null,
    ...tuningFigures(rows, sets, chosen),
    letters: lettersFigures(letters, sets.letters, chosen),
    lookalikes: lookalikes.length
      ? { count: lookalikes.length, ...verdictShares(verdictKinds(lookalikes, chosen, sets.lookalikes)) }
      : null,
    generated: sets.generated ? generatedFigures(rows.generated, sets.generated, chosen) : null,
    auroc: letters.length && middle.length ? separation(middle, letters) : null,
    calibrationError: middle.length
      ? expectedCalibrationError(
          middle.map((r) => r.confidence),
          correct,
        )
      : null,
    sizes: rows.sizes.length ? sizeFigures(rows.sizes, sets.sizes) : null,
  };
}

/**
 * The generated non-digits answered "not a digit": by the page (the ink's shape, then the model),
 * by kind, and by the model alone.
 */
function generatedFigures(rows: readonly RowReading[], set: HeldOutSet, threshold: number) {
  const kinds = generatedKinds();
  const model = rows.map((r) => r.notDigit >= threshold);
  const page = model.map((says, i) => says || inkOf(set, i) !== 'readable');
  const shareOf = (answers: readonly boolean[], kind?: NegativeKind) => {
    const mine = answers.filter((_, i) => kind === undefined || kinds[i] === kind);
    return mine.filter(Boolean).length / mine.length;
  };
  return {
    count: rows.length,
    notDigit: shareOf(page),
    byKind: Object.fromEntries(NEGATIVE_KINDS.map((kind) => [kind, shareOf(page, kind)])),
    modelAlone: shareOf(model),
  };
}

/** AUROC of letters against digits for each score the page could use (higher = "not a digit"). */
function separation(digits: readonly RowReading[], letters: readonly RowReading[]) {
  const scores = {
    notDigitOutput: (r: RowReading) => r.notDigit,
    oneMinusTopDigit: (r: RowReading) => 1 - r.confidence,
  };
  return Object.fromEntries(
    Object.entries(scores).map(([name, score]) => [name, auroc(letters.map(score), digits.map(score))]),
  ) as Record<keyof typeof scores, number>;
}

/** Digits read right at each height: the right top digit, of ink whose shape the page reads at all. */
function sizeFigures(sizes: readonly RowReading[][], labelled: readonly HeldOutSet[]) {
  const accuracy = sizes.map(
    (rows, s) =>
      rows.filter((row, i) => row.digit === labelled[s].labels[i] && inkOf(labelled[s], i) === 'readable')
        .length / rows.length,
  );
  return {
    padSide: SIZE_PAD,
    byHeight: Object.fromEntries(SIZE_HEIGHTS.map((h, i) => [String(h), accuracy[i]])),
    gap: accuracy[1] - accuracy[0],
  };
}
