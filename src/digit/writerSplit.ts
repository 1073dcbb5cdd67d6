/**
 * Which writers a figure may come from. Training learns from some writers, tuning (early choices,
 * thresholds) looks at others, and every reported figure comes from writers neither saw. The UCI
 * pen digits number their 30 writers; UNIPEN names its writers `site/id`, and the same writer can
 * appear in both its digits and its letters file, so the split is a function of the name alone:
 * a writer lands in one group whichever file they are read from.
 */
export type WriterGroup = 'train' | 'tune' | 'test';

/** UCI pen digits: writers 1-20 train, 21-24 tune, 25-30 are only ever used for reported figures. */
export function penDigitsGroup(writer: number | string): WriterGroup {
  const n = Number(writer);
  return n <= 20 ? 'train' : n <= 24 ? 'tune' : 'test';
}

/** FNV-1a, 32 bits: a fixed, well-spread hash of a writer's name (not a secret, just stable). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** UNIPEN: 60% of writers train, 20% tune, 20% test, by a hash of the writer's name. */
export function unipenGroup(writer: number | string): WriterGroup {
  const bucket = fnv1a(String(writer)) % 10;
  return bucket < 6 ? 'train' : bucket < 8 ? 'tune' : 'test';
}

/**
 * Whether a training writer is learned from when a run learns from only `share` (0-1] of them
 * (`npm run train -- --train-writers`): a second hash of the name, so the same writer is kept or
 * left out in every file (digits and letters) and whatever else the run reads. The writers left
 * out are unseen by that model without being test writers: `npm run test:adaptation -- --tune`
 * can choose options on them.
 */
export function keptAtShare(writer: number | string, share: number): boolean {
  return share >= 1 || fnv1a(`${String(writer)}#kept`) % 1000 < share * 1000;
}

/** The samples whose writer `groupOf` puts in `group`. */
export function ofGroup<T extends { readonly writer: number | string }>(
  samples: readonly T[],
  groupOf: (writer: number | string) => WriterGroup,
  group: WriterGroup,
): T[] {
  return samples.filter((sample) => groupOf(sample.writer) === group);
}

/**
 * UNIPEN letters that look like a digit to any reader (its README names them): O o D Q are a 0,
 * I l i J a 1, Z z a 2, S s a 5, b G a 6, T a 7, B an 8, g q a 9. They are neither taught as
 * "not a digit" (that would teach the model to doubt real 0s, 1s and 5s) nor counted in the
 * letters figure; they are reported apart.
 */
export const DIGIT_LIKE_LETTERS: ReadonlySet<string> = new Set('OoDQIliJZzSsbGTBgq'.split(''));
