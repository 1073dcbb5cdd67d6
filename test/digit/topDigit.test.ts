import { describe, expect, it } from 'vitest';
import { topDigit } from '../../src/digit';

describe('topDigit: the top of the ten digits, whatever outputs follow them', () => {
  const row = (top: number, value = 0.9) => Array.from({ length: 11 }, (_, i) => (i === top ? value : 0.01));
  it.each([
    ['the largest digit', row(7), 0, 7],
    ['a "not a digit" output larger than any digit is not a digit', [...row(3, 0.2).slice(0, 10), 0.8], 0, 3],
    ['of two equal digits, the lower', [0, 0.5, 0, 0, 0.5, 0, 0, 0, 0, 0], 0, 1],
    ['the second row of rows laid end to end', [...row(2), ...row(9)], 11, 9],
  ])('%s', (_case, outputs, offset, digit) => {
    expect(topDigit(outputs, offset)).toBe(digit);
  });
});
