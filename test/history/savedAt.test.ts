import { describe, expect, it } from 'vitest';
import { describeSavedAt } from '../../src/history/savedAt';

// Local times, so the table holds in any time zone the tests run in.
const at = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();

describe('describeSavedAt', () => {
  it.each([
    [at(2026, 11, 2, 9, 5), '2 December 2026, 09:05'],
    [at(2026, 0, 31, 0, 0), '31 January 2026, 00:00'],
    [at(1999, 6, 4, 23, 59), '4 July 1999, 23:59'],
    [at(2024, 1, 29, 12, 30), '29 February 2024, 12:30'],
  ])('reads %d as "%s"', (savedAt, text) => {
    expect(describeSavedAt(savedAt)).toBe(text);
  });

  it('names every month as Intl does in English (Node has the locale data; the page avoids loading it)', () => {
    for (let month = 0; month < 12; month++) {
      const savedAt = at(2026, month, 15, 8, 0);
      const name = new Date(savedAt).toLocaleString('en-GB', { month: 'long' });
      expect(describeSavedAt(savedAt)).toBe(`15 ${name} 2026, 08:00`);
    }
  });

  it('says the time is unknown for a time that is not one, rather than "Invalid Date"', () => {
    expect(describeSavedAt(Number.NaN)).toBe('at an unknown time');
    expect(describeSavedAt(8.64e15 + 1)).toBe('at an unknown time');
  });
});
