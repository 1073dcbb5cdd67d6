import { NUM_CLASSES } from '../digit';

/** The top digit among the first ten outputs. */
export function topDigit(outputs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < NUM_CLASSES; i++) if (outputs[i] > outputs[best]) best = i;
  return best;
}
