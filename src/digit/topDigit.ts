import { NUM_CLASSES } from './types';

/**
 * The top digit of one row of outputs (the digits come first, whatever follows them), the row
 * starting at `offset`: of two equally likely digits, the lower.
 */
export function topDigit(outputs: ArrayLike<number>, offset = 0): number {
  let best = 0;
  for (let digit = 1; digit < NUM_CLASSES; digit++)
    if (outputs[offset + digit] > outputs[offset + best]) best = digit;
  return best;
}
