/**
 * What a model is measured on, prepared once per run: MNIST's test set, the real handwriting of
 * writers neither training nor tuning saw (UCI pen digits writers 25-30, UNIPEN's test writers),
 * their letters, generated non-digits, and the same digits drawn small and big on a pad. The
 * tuning writers' digits choose the "not a digit" threshold; every reported figure comes from the
 * test writers.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_PIXELS, NOT_DIGIT, type PenSample, type Stroke } from '../src/digit';
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
import { EVAL_PEN_RATIOS, renderAsThePageReads, renderAtHeight, renderPenDigit } from './pen';
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

/** Inputs laid end to end and their labels (`-1` for a sample that is not a digit). */
function stack(rendered: readonly (Float32Array | null)[], labels: readonly number[]): LabelledInputs {
  const inputs = new Float32Array(rendered.length * MNIST_PIXELS);
  rendered.forEach((input, i) => input && inputs.set(input, i * MNIST_PIXELS));
  return { inputs, labels };
}

const atRatio = (
  samples: readonly PenSample<number | string>[],
  ratio: number,
  label: (s: PenSample<number | string>) => number,
) =>
  stack(
    samples.map((s) => renderPenDigit(s, ratio)),
    samples.map(label),
  );
const digitLabel = (s: PenSample<number | string>) => Number(s.label);
const noDigit = () => -1;

export interface HeldOutSets {
  readonly mnist: LabelledInputs;
  /** Test writers' digits at each of `EVAL_PEN_RATIOS`. */
  readonly pen: readonly LabelledInputs[];
  readonly unipen: readonly LabelledInputs[];
  /** Test writers' letters that do not look like digits, and those that do. */
  readonly letters: LabelledInputs | null;
  readonly lookalikes: LabelledInputs | null;
  /** Generated non-digits: measured for a model that can say "not a digit" (or on request). */
  readonly generated: { readonly kinds: readonly NegativeKind[]; readonly set: LabelledInputs } | null;
  /** Test writers' digits (both sources) drawn at each of `SIZE_HEIGHTS` of a pad. */
  readonly sizes: readonly LabelledInputs[];
  /** Tuning writers' digits (both sources): they choose the threshold. */
  readonly tuningDigits: LabelledInputs | null;
}

function generatedSet(digits: readonly PenSample<number>[]) {
  const random = createRandom(GENERATED_SEED);
  const strokes = digits.map((d) => d.strokes);
  const kinds = NEGATIVE_KINDS.flatMap((kind) => Array.from({ length: GENERATED_PER_KIND }, () => kind));
  const drawn = kinds.map((kind) =>
    renderAsThePageReads(generateNegative(kind, random, strokes) as Stroke[], NEGATIVE_PAD.lineWidth),
  );
  return { kinds, set: stack(drawn, kinds.map(noDigit)) };
}

export function heldOutSets(mnistTest: Split, data: TrainingData, withGenerated = true): HeldOutSets {
  const realTest = [...data.pen.test, ...data.unipen.test];
  const tuning = [...data.pen.tune, ...data.unipen.tune];
  const some = <T>(samples: readonly T[], make: (s: readonly T[]) => LabelledInputs) =>
    samples.length ? make(samples) : null;
  return {
    mnist: {
      inputs: Float32Array.from(mnistTest.images.pixels, (v) => v / 255),
      labels: mnistTest.labels.labels,
    },
    pen: data.pen.test.length ? EVAL_PEN_RATIOS.map((r) => atRatio(data.pen.test, r, digitLabel)) : [],
    unipen: data.unipen.test.length
      ? EVAL_PEN_RATIOS.map((r) => atRatio(data.unipen.test, r, digitLabel))
      : [],
    letters: some(data.letters.test, (s) => atRatio(s, MIDDLE_RATIO, noDigit)),
    lookalikes: some(data.lookalikes.test, (s) => atRatio(s, MIDDLE_RATIO, noDigit)),
    generated: withGenerated ? generatedSet(realTest) : null,
    sizes: realTest.length
      ? SIZE_HEIGHTS.map((h) =>
          stack(
            realTest.map((s) => renderAtHeight(s, h * SIZE_PAD, SIZE_PAD)),
            realTest.map(digitLabel),
          ),
        )
      : [],
    tuningDigits: some(tuning, (s) => atRatio(s, MIDDLE_RATIO, digitLabel)),
  };
}

/** A set's outputs read row by row as the page reads them. */
async function readSet(model: LayersModel, set: LabelledInputs): Promise<RowReading[]> {
  const { outputs, width } = await predictOutputs(model, set.inputs, set.labels.length);
  return Array.from({ length: set.labels.length }, (_, i) => readRow(outputs, width, i));
}

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
const share = (rows: readonly RowReading[], test: (row: RowReading) => boolean) =>
  rows.filter(test).length / rows.length;
const accuracyOf = (rows: readonly RowReading[], labels: ArrayLike<number>) =>
  rows.filter((row, i) => row.digit === labels[i]).length / rows.length;

/** The page's verdicts (`judge`, at this threshold), as shares of a set. */
function verdictShares(rows: readonly RowReading[], threshold: number) {
  const kinds = rows.map(
    (r) => judge({ outputs: r.outputs, tooSmall: false }, { output: NOT_DIGIT, threshold }).kind,
  );
  const shareOf = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
  return { notDigit: shareOf('not-digit'), unsure: shareOf('unsure') };
}

/** Accuracy, and the share answered "not a digit", of digit sets (the mean over pen widths). */
function digitFigures(sets: readonly RowReading[][], labelled: readonly LabelledInputs[], threshold: number) {
  const accuracies = sets.map((rows, s) => accuracyOf(rows, labelled[s].labels));
  return {
    count: labelled[0].labels.length,
    accuracy: mean(accuracies),
    byPenWidth: Object.fromEntries(EVAL_PEN_RATIOS.map((r, i) => [String(r), accuracies[i]])),
    notDigit: mean(sets.map((rows) => verdictShares(rows, threshold).notDigit)),
  };
}

export type HeldOutFigures = Awaited<ReturnType<typeof measureHeldOut>>;

/** Every set's outputs, read row by row. */
async function readAll(model: LayersModel, sets: HeldOutSets) {
  const read = (set: LabelledInputs) => readSet(model, set);
  const maybe = async (set: LabelledInputs | null) => (set ? read(set) : []);
  return {
    mnist: await read(sets.mnist),
    tuning: await maybe(sets.tuningDigits),
    pen: await Promise.all(sets.pen.map(read)),
    unipen: await Promise.all(sets.unipen.map(read)),
    letters: await maybe(sets.letters),
    lookalikes: await maybe(sets.lookalikes),
    generated: sets.generated ? await read(sets.generated.set) : [],
    sizes: await Promise.all(sets.sizes.map(read)),
  };
}

const notDigitScores = (rows: readonly RowReading[]) => rows.map((r) => r.notDigit);

/** Every held-out figure of `model`; `threshold` null: choose it on the tuning writers. */
export async function measureHeldOut(model: LayersModel, sets: HeldOutSets, threshold: number | null = null) {
  const rows = await readAll(model, sets);
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
    tuningDigitsNotDigit: tuning.length ? shareAtLeast(notDigitScores(tuning), chosen) : null,
    letters: letters.length ? { count: letters.length, ...verdictShares(letters, chosen) } : null,
    lookalikes: lookalikes.length ? { count: lookalikes.length, ...verdictShares(lookalikes, chosen) } : null,
    generated: sets.generated ? generatedFigures(rows.generated, sets.generated.kinds, chosen) : null,
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

function generatedFigures(rows: readonly RowReading[], kinds: readonly NegativeKind[], threshold: number) {
  const byKind = Object.fromEntries(
    NEGATIVE_KINDS.map((kind) => [
      kind,
      share(
        rows.filter((_, i) => kinds[i] === kind),
        (r) => r.notDigit >= threshold,
      ),
    ]),
  );
  return { count: rows.length, notDigit: share(rows, (r) => r.notDigit >= threshold), byKind };
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

function sizeFigures(sizes: readonly RowReading[][], labelled: readonly LabelledInputs[]) {
  const accuracy = sizes.map((rows, s) => accuracyOf(rows, labelled[s].labels));
  return {
    padSide: SIZE_PAD,
    byHeight: Object.fromEntries(SIZE_HEIGHTS.map((h, i) => [String(h), accuracy[i]])),
    gap: accuracy[1] - accuracy[0],
  };
}
