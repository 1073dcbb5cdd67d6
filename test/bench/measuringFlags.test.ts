import { describe, expect, it } from 'vitest';
import { FlagError, viewportFlag, wholeNumber } from '../e2e/flags';

describe('the measuring scripts’ flags (test/e2e/flags.ts)', () => {
  it.each([
    ['1280x800', { width: 1280, height: 800 }],
    ['844x390', { width: 844, height: 390 }],
    [undefined, { width: 1000, height: 760 }],
  ])('--viewport %s', (value, viewport) => {
    expect(viewportFlag(value, { width: 1000, height: 760 })).toEqual(viewport);
  });

  it.each(['1280', '1280x', 'x800', '1280×800', '0x800', '1280x0', '-1x5', ' 1280x800'])(
    'refuses --viewport "%s", naming the form it takes',
    (value) => {
      expect(() => viewportFlag(value, { width: 1, height: 1 })).toThrow(FlagError);
      expect(() => viewportFlag(value, { width: 1, height: 1 })).toThrow(/WIDTHxHEIGHT/);
    },
  );

  it.each([
    ['5', 5],
    [undefined, 7],
  ])('a whole number %s', (value, parsed) => {
    expect(wholeNumber('numbers', value, 7)).toBe(parsed);
  });

  it.each(['0', '1.5', 'five', '-3'])('refuses --numbers "%s"', (value) => {
    expect(() => wholeNumber('numbers', value, 7)).toThrow(/--numbers needs a whole number >= 1/);
  });
});
