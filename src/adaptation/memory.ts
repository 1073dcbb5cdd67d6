/**
 * Adapting to one person's handwriting without training: a memory of their labelled drawings, as
 * the network's penultimate features, and answers that blend the network's softmax with a vote of
 * the drawings most like the new one. Adding a drawing is instant (its features came with its
 * answer), nothing runs on a GPU or blocks the page, and forgetting is emptying a list. Pure: no
 * tf, no DOM, so Node measures exactly what the page runs (`npm run test:adaptation`).
 */
import { NUM_CLASSES, topDigit } from '../digit';

export interface AdaptOptions {
  /** How many of the most similar drawings vote. */
  readonly neighbours: number;
  /** How much a closer neighbour's vote outweighs a farther one's: weight exp(sharpness * (cos - 1)). */
  readonly sharpness: number;
  /**
   * The vote's share of the answer when the nearest drawing is as close as can be, for a person
   * who has not yet drawn every digit `taught` times: where the weight starts (`personalWeight`).
   */
  readonly weight: number;
  /** Where the weight starts once the person has drawn every digit `taught` times. */
  readonly taughtWeight: number;
  /** How many drawings of every digit a memory holds before its vote starts at `taughtWeight`. */
  readonly taught: number;
  /**
   * How far the weight may move from where it starts, in steps of 0.1, for a person whose own
   * drawings show that another weight reads them better (`personalWeight`).
   */
  readonly minWeight: number;
  readonly maxWeight: number;
  /** Cosine similarity under which the nearest drawing is too unlike to say anything. */
  readonly floor: number;
  /**
   * How much a drawing's vote is discounted when its label looks like a slip: the model read it as
   * another digit and the person's own drawings most like it carry other labels (0: never, 1: it
   * no longer votes). A real correction of a misread is like the person's other drawings of that
   * digit, so it keeps its vote; a wrong key press is like the drawings of the digit it shows.
   */
  readonly doubt: number;
}

/**
 * Chosen by `npm run test:adaptation -- --tune` for the page's way of adapting (the fine-tuned
 * output layer, then this memory) on 32 writers that neither of two models trained on half of the
 * training writers (`npm run train -- --train-writers 0.5`, seeds 1 and 2) nor any test figure
 * saw, by the issue's figures added up as errors, summed over both models. Stop 24's grid (270
 * options, one weight for everyone) chose `floor` 0.3 (a drawing less than 0.3 alike, cosine, to
 * every correction gets no vote, which spares writers the vote would make worse), `doubt` 1 (a
 * label both the model and the person's own similar drawings contradict does not vote) and
 * `weight` 0.6. Stop 28 made the weight the person's (`personalWeight`, 0.5 to 1) and searched 72
 * options around it: it starts at 0.8 once every digit has 2 drawings, and 7 neighbours vote.
 */
export const ADAPT_DEFAULTS: AdaptOptions = {
  neighbours: 7,
  sharpness: 20,
  weight: 0.6,
  taughtWeight: 0.8,
  taught: 2,
  minWeight: 0.5,
  maxWeight: 1,
  floor: 0.3,
  doubt: 1,
};

/** One labelled drawing, as the network sees it. */
export interface Example {
  readonly features: Float32Array;
  readonly label: number;
  /** The model's own top digit for it, when known. */
  readonly read?: number;
}

/** The person's drawings: unit-length feature vectors, their labels and the model's reading of each. */
export interface Memory {
  readonly vectors: readonly Float32Array[];
  readonly labels: readonly number[];
  readonly reads: readonly (number | undefined)[];
}

export const EMPTY_MEMORY: Memory = { vectors: [], labels: [], reads: [] };

/** `v` scaled to length 1 (a zero vector stays zero): similarity is then a dot product. */
export function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return v.map((x) => x * scale);
}

export function createMemory(examples: readonly Example[]): Memory {
  return {
    vectors: examples.map((e) => unit(e.features)),
    labels: examples.map((e) => e.label),
    reads: examples.map((e) => e.read),
  };
}

/** A labelled drawing with the model's outputs for it, as the page, its worker and the tools hold one. */
export interface LabelledReading {
  readonly features: Float32Array;
  readonly outputs: ArrayLike<number>;
  readonly label: number;
}

/** The memory of labelled readings, each with the model's own top digit for it (what `doubt` weighs). */
export const memoryOfReadings = (readings: readonly LabelledReading[]): Memory =>
  createMemory(readings.map((r) => ({ features: r.features, label: r.label, read: topDigit(r.outputs) })));

/** The memory with one more drawing; the given memory is not changed. */
export function withExample(memory: Memory, example: Example): Memory {
  return {
    vectors: [...memory.vectors, unit(example.features)],
    labels: [...memory.labels, example.label],
    reads: [...memory.reads, example.read],
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The `count` most similar drawings, most similar first: [similarity, index] pairs. */
function nearest(memory: Memory, query: Float32Array, count: number, except = -1): [number, number][] {
  const scored: [number, number][] = [];
  memory.vectors.forEach((v, i) => i !== except && scored.push([dot(v, query), i]));
  return scored.sort((a, b) => b[0] - a[0]).slice(0, count);
}

const closenessWeight = (similarity: number, options: AdaptOptions) =>
  Math.exp(options.sharpness * (similarity - 1));

/**
 * Per memory, the weight of each drawing's vote once worked out (a memory never changes), for one
 * set of the options it depends on (not `weight`, which may change with every fit in the page).
 */
const voteWeights = new WeakMap<Memory, { key: string; weights: Map<number, number> }>();

/**
 * How much drawing `i` votes (1 - doubt .. 1): discounted by the share of its own nearest other
 * drawings that carry another label, when the model read it as something else than its label.
 */
function voteWeight(memory: Memory, i: number, options: AdaptOptions): number {
  const read = memory.reads[i];
  if (options.doubt === 0 || read === undefined || read === memory.labels[i]) return 1;
  const key = `${options.neighbours} ${options.sharpness} ${options.doubt}`;
  let known = voteWeights.get(memory);
  if (known?.key !== key) voteWeights.set(memory, (known = { key, weights: new Map() }));
  let weight = known.weights.get(i);
  if (weight === undefined) {
    let agree = 0;
    let total = 0;
    for (const [similarity, j] of nearest(memory, memory.vectors[i], options.neighbours, i)) {
      const w = closenessWeight(similarity, options);
      total += w;
      if (memory.labels[j] === memory.labels[i]) agree += w;
    }
    weight = 1 - options.doubt * (total > 0 ? 1 - agree / total : 0);
    known.weights.set(i, weight);
  }
  return weight;
}

/**
 * The neighbours' vote over the digits (sums to 1), and how close the nearest is (0..1, 0 under
 * the floor): the vote counts `weight` times that.
 */
function vote(memory: Memory, query: Float32Array, options: AdaptOptions) {
  const votes = new Float64Array(NUM_CLASSES);
  const near = nearest(memory, query, options.neighbours);
  if (near.length === 0) return { votes, closeness: 0 };
  let total = 0;
  for (const [similarity, i] of near) {
    const w = closenessWeight(similarity, options) * voteWeight(memory, i, options);
    votes[memory.labels[i]] += w;
    total += w;
  }
  votes.forEach((v, i) => (votes[i] = v / total));
  const closeness = (near[0][0] - options.floor) / (1 - options.floor);
  return { votes, closeness: Math.min(1, Math.max(0, closeness)) };
}

/** The neighbours' vote over the digits (sums to 1), and how much it counts (0..weight). */
export function neighbourVote(memory: Memory, features: Float32Array, options = ADAPT_DEFAULTS) {
  const { votes, closeness } = vote(memory, unit(features), options);
  return { votes, share: options.weight * closeness };
}

/** Among the digits, the model's belief blended with the vote; outputs after them kept as they are. */
function blend(outputs: ArrayLike<number>, votes: Float64Array, share: number): Float32Array {
  let digitMass = 0;
  for (let i = 0; i < NUM_CLASSES; i++) digitMass += outputs[i];
  return Float32Array.from(outputs, (p, i) =>
    i < NUM_CLASSES ? (1 - share) * p + share * digitMass * votes[i] : p,
  );
}

/**
 * The model's outputs adapted to the memory: among the digits, the model's belief blended with
 * the vote. Outputs after the digits (a "not a digit" score) are kept as they are: the memory
 * holds digits only, so it knows which digit a drawing is like, not whether it is one; a letter
 * must not become a digit because the person's 4s are its nearest neighbours.
 */
export function adapt(
  outputs: Float32Array,
  features: Float32Array,
  memory: Memory,
  options = ADAPT_DEFAULTS,
): Float32Array {
  const { votes, share } = neighbourVote(memory, features, options);
  return share === 0 ? outputs : blend(outputs, votes, share);
}

/** The memory without drawing `i`: its votes weighed as if it had never been drawn. */
const without = (memory: Memory, i: number): Memory => ({
  vectors: memory.vectors.filter((_, j) => j !== i),
  labels: memory.labels.filter((_, j) => j !== i),
  reads: memory.reads.filter((_, j) => j !== i),
});

/** Where a person's weight starts: `taughtWeight` once every digit has `taught` drawings, else `weight`. */
export function startingWeight(labels: readonly number[], options = ADAPT_DEFAULTS): number {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (const label of labels) counts[label]++;
  return Math.min(...counts) >= options.taught ? options.taughtWeight : options.weight;
}

/**
 * The weights leave-one-out tries: `start`, then each step of 0.1 from `minWeight` to
 * `maxWeight`, the nearer to `start` first (of two as near, the lower: the model keeps more say).
 */
export function weightSteps(start: number, { minWeight, maxWeight }: AdaptOptions): number[] {
  const steps = Array.from(
    { length: Math.max(0, Math.round((maxWeight - minWeight) * 10)) + 1 },
    (_, n) => Math.round((minWeight + n / 10) * 100) / 100,
  ).filter((w) => w !== start);
  const distance = (w: number) => Math.round(Math.abs(w - start) * 100); // in hundredths: 0.9 - 0.8 is not 0.1
  return [start, ...steps.sort((a, b) => distance(a) - distance(b) || a - b)];
}

/**
 * The vote's weight for this person, from their own drawings in `memory` and the model's outputs
 * for each (`outputs`, in the memory's order). It starts at `startingWeight`: a memory with a few
 * drawings of every digit outvotes the model more safely than one with a single drawing of some.
 * Each drawing is then read as the memory would read it without it (leave one out) at every
 * weight of `weightSteps`, and another weight is taken only if it reads strictly more of them
 * right, the nearest to the start of those that read the most. So a person the model keeps
 * misreading, in ways their other drawings put right, gets a stronger vote; one whose drawings of
 * different digits look alike a weaker one; and a person it reads well keeps where it started.
 * Chosen on 32 tuning writers of two models against one fixed weight (README, "What adapting does").
 */
export function personalWeight(
  memory: Memory,
  outputs: readonly ArrayLike<number>[],
  options = ADAPT_DEFAULTS,
): number {
  const weights = weightSteps(startingWeight(memory.labels, options), options);
  const wrong = weights.map(() => 0);
  memory.vectors.forEach((vector, i) => {
    const { votes, closeness } = vote(without(memory, i), vector, options);
    weights.forEach((weight, n) => {
      if (topDigit(blend(outputs[i], votes, weight * closeness)) !== memory.labels[i]) wrong[n]++;
    });
  });
  return weights[wrong.indexOf(Math.min(...wrong))];
}
