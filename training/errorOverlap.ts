/**
 * Where models fail on the same drawings and where they fail apart: whether a bigger network could
 * read more of real handwriting, or whether what none reads is in the drawings themselves. Pure:
 * answers in, figures out.
 */
import { NUM_CLASSES, topDigit } from '../src/digit';

/** One model's reading of each drawing: its top digit and its ten digit probabilities (summing to 1). */
export interface ModelReadings {
  readonly name: string;
  readonly digits: readonly number[];
  readonly probabilities: readonly (readonly number[])[];
}

export interface ErrorOverlap {
  readonly count: number;
  /** Each model's share right, in the order given. */
  readonly accuracy: readonly { readonly name: string; readonly accuracy: number }[];
  /** The mean of the models' digit probabilities, read as one answer. */
  readonly ensembleAccuracy: number;
  /** Right by at least one model: what choosing the right model for each drawing would reach. */
  readonly anyRightAccuracy: number;
  /** Drawings every model reads wrong. */
  readonly wrongByAll: readonly number[];
  /** Drawings every model reads as the same wrong digit. */
  readonly sameWrongByAll: readonly number[];
  /** Drawings the first model (the reference) reads wrong and some other model right. */
  readonly fixedByAnother: readonly number[];
  /** Against the reference, each other model: its errors the other reads right, and new ones. */
  readonly againstReference: readonly {
    readonly name: string;
    readonly fixes: number;
    readonly breaks: number;
  }[];
  /** The drawings every model reads wrong, counted by "label as answer" of the reference, most first. */
  readonly confusions: readonly { readonly label: number; readonly read: number; readonly count: number }[];
}

const share = (part: number, whole: number) => (whole === 0 ? NaN : part / whole);

/** The top digit of the models' mean probabilities for drawing `i`. */
function ensembleDigit(models: readonly ModelReadings[], i: number): number {
  const mean = Array.from({ length: NUM_CLASSES }, (_, d) =>
    models.reduce((sum, m) => sum + m.probabilities[i][d], 0),
  );
  return topDigit(mean);
}

/** Compares the models' readings of the same drawings, labelled `labels`; the first model is the reference. */
export function errorOverlap(labels: readonly number[], models: readonly ModelReadings[]): ErrorOverlap {
  if (models.length === 0) throw new Error('errorOverlap needs at least one model');
  for (const m of models)
    if (m.digits.length !== labels.length || m.probabilities.length !== labels.length)
      throw new Error(`${m.name}: ${m.digits.length} readings for ${labels.length} drawings`);
  const indices = labels.map((_, i) => i);
  const wrong = (m: ModelReadings, i: number) => m.digits[i] !== labels[i];
  const wrongByAll = indices.filter((i) => models.every((m) => wrong(m, i)));
  const [reference, ...others] = models;
  return {
    count: labels.length,
    accuracy: models.map((m) => ({
      name: m.name,
      accuracy: share(indices.filter((i) => !wrong(m, i)).length, labels.length),
    })),
    ensembleAccuracy: share(
      indices.filter((i) => ensembleDigit(models, i) === labels[i]).length,
      labels.length,
    ),
    anyRightAccuracy: share(labels.length - wrongByAll.length, labels.length),
    wrongByAll,
    sameWrongByAll: wrongByAll.filter((i) => models.every((m) => m.digits[i] === reference.digits[i])),
    fixedByAnother: indices.filter((i) => wrong(reference, i) && others.some((m) => !wrong(m, i))),
    againstReference: others.map((m) => ({
      name: m.name,
      fixes: indices.filter((i) => wrong(reference, i) && !wrong(m, i)).length,
      breaks: indices.filter((i) => !wrong(reference, i) && wrong(m, i)).length,
    })),
    confusions: confusionCounts(wrongByAll.map((i) => [labels[i], reference.digits[i]])),
  };
}

function confusionCounts(pairs: readonly (readonly [number, number])[]) {
  const counts = new Map<string, { label: number; read: number; count: number }>();
  for (const [label, read] of pairs) {
    const key = `${label}>${read}`;
    const known = counts.get(key) ?? { label, read, count: 0 };
    counts.set(key, { ...known, count: known.count + 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label - b.label || a.read - b.read);
}
