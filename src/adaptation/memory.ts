/**
 * Adapting to one person's handwriting without training: a memory of their labelled drawings, as
 * the network's penultimate features, and answers that blend the network's softmax with a vote of
 * the drawings most like the new one. Adding a drawing is instant (its features came with its
 * answer), nothing runs on a GPU or blocks the page, and forgetting is emptying a list. Pure: no
 * tf, no DOM, so Node measures exactly what the page runs (`npm run test:adaptation`).
 */
import { NUM_CLASSES } from '../digit';

export interface AdaptOptions {
  /** How many of the most similar drawings vote. */
  readonly neighbours: number;
  /** How much a closer neighbour's vote outweighs a farther one's: weight exp(sharpness * (cos - 1)). */
  readonly sharpness: number;
  /** The vote's share of the answer when the nearest drawing is as close as can be. */
  readonly weight: number;
  /** Cosine similarity under which the nearest drawing is too unlike to say anything. */
  readonly floor: number;
}

/** Chosen on the tuning writers (pen digits 21-24, UNIPEN tuning writers): `npm run test:adaptation -- --tune`. */
export const ADAPT_DEFAULTS: AdaptOptions = { neighbours: 7, sharpness: 20, weight: 0.6, floor: 0 };

/** One labelled drawing, as the network sees it. */
export interface Example {
  readonly features: Float32Array;
  readonly label: number;
}

/** The person's drawings: unit-length feature vectors and their labels, in the same order. */
export interface Memory {
  readonly vectors: readonly Float32Array[];
  readonly labels: readonly number[];
}

export const EMPTY_MEMORY: Memory = { vectors: [], labels: [] };

/** `v` scaled to length 1 (a zero vector stays zero): similarity is then a dot product. */
export function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return v.map((x) => x * scale);
}

export function createMemory(examples: readonly Example[]): Memory {
  return { vectors: examples.map((e) => unit(e.features)), labels: examples.map((e) => e.label) };
}

/** The memory with one more drawing; the given memory is not changed. */
export function withExample(memory: Memory, example: Example): Memory {
  return {
    vectors: [...memory.vectors, unit(example.features)],
    labels: [...memory.labels, example.label],
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** The `count` most similar drawings, most similar first: [similarity, label] pairs. */
function nearest(memory: Memory, query: Float32Array, count: number): [number, number][] {
  const scored = memory.vectors.map((v, i): [number, number] => [dot(v, query), memory.labels[i]]);
  return scored.sort((a, b) => b[0] - a[0]).slice(0, count);
}

/** The neighbours' vote over the digits (sums to 1), and how much it counts (0..weight). */
export function neighbourVote(memory: Memory, features: Float32Array, options = ADAPT_DEFAULTS) {
  const votes = new Float64Array(NUM_CLASSES);
  const near = nearest(memory, unit(features), options.neighbours);
  if (near.length === 0) return { votes, share: 0 };
  let total = 0;
  for (const [similarity, label] of near) {
    const w = Math.exp(options.sharpness * (similarity - 1));
    votes[label] += w;
    total += w;
  }
  votes.forEach((v, i) => (votes[i] = v / total));
  const closeness = (near[0][0] - options.floor) / (1 - options.floor);
  return { votes, share: options.weight * Math.min(1, Math.max(0, closeness)) };
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
  if (share === 0) return outputs;
  let digitMass = 0;
  for (let i = 0; i < NUM_CLASSES; i++) digitMass += outputs[i];
  return outputs.map((p, i) => (i < NUM_CLASSES ? (1 - share) * p + share * digitMass * votes[i] : p));
}

/** The top digit among the first ten outputs. */
export function topDigit(outputs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < NUM_CLASSES; i++) if (outputs[i] > outputs[best]) best = i;
  return best;
}
