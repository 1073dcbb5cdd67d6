import { describe, expect, it } from 'vitest';
import { formatPenData, parsePenData, PenDataError } from '../../src/digit/penData';

const row = (overrides: Record<string, unknown> = {}) => ({
  label: 7,
  writer: 3,
  split: 'tra',
  index: 12,
  strokes: [
    [
      [10, 20],
      [30, 40],
    ],
    [[5, 5]],
  ],
  ...overrides,
});

const file = (...rows: unknown[]) => JSON.stringify(rows);

describe('pen data', () => {
  it('reads rows into samples with points in writing order', () => {
    const [sample] = parsePenData(file(row()), 'digit');
    expect(sample).toEqual({
      label: 7,
      writer: 3,
      split: 'tra',
      index: 12,
      strokes: [
        [
          { x: 10, y: 20 },
          { x: 30, y: 40 },
        ],
        [{ x: 5, y: 5 }],
      ],
    });
  });

  it('accepts UNIPEN rows: a writer name, no index, fractional coordinates', () => {
    const [sample] = parsePenData(
      file(row({ writer: 'apa/ArloReeves', index: undefined, strokes: [[[0.5, 1.25]]] })),
      'digit',
    );
    expect(sample.writer).toBe('apa/ArloReeves');
    expect(sample).not.toHaveProperty('index');
  });

  it('reads letters when asked for letters, and refuses them as digits', () => {
    expect(parsePenData(file(row({ label: 'A' })), 'letter')[0].label).toBe('A');
    expect(() => parsePenData(file(row({ label: 'A' })), 'digit')).toThrow(
      'row 1: label is "A", not a digit 0-9',
    );
  });

  it.each([
    ['a label of 10', { label: 10 }, 'label is 10, not a digit 0-9'],
    ['a missing label', { label: undefined }, 'label is missing'],
    ['no writer', { writer: undefined }, 'writer is missing, not a whole number or a name'],
    ['a fractional index', { index: 1.5 }, 'index is 1.5'],
    ['no strokes', { strokes: [] }, 'strokes is not a non-empty list'],
    ['an empty stroke', { strokes: [[]] }, 'stroke 1 is not a non-empty list of points'],
    [
      'a point with three numbers',
      { strokes: [[[1, 2, 3]]] },
      'stroke 1, point 1 is [1,2,3], not [x, y] numbers',
    ],
    ['a point with text', { strokes: [[[1, 2]], [[1, 'y']]] }, 'stroke 2, point 1 is [1,"y"]'],
  ])('names the row and the reason for %s', (_what, overrides, reason) => {
    const attempt = () => parsePenData(file(row(), row(overrides)), 'digit');
    expect(attempt).toThrow(PenDataError);
    expect(attempt).toThrow(`row 2: ${reason}`);
  });

  it.each([
    ['not JSON', '[{', 'not valid JSON'],
    ['an object', '{}', 'not a JSON array of pen samples'],
  ])('refuses a file that is %s', (_what, text, reason) => {
    expect(() => parsePenData(text, 'digit')).toThrow(reason);
  });

  it('writes what it reads: format then parse gives the same samples', () => {
    const samples = parsePenData(
      file(row(), row({ label: 0, writer: 'me', index: undefined, split: undefined })),
      'digit',
    );
    expect(parsePenData(formatPenData(samples), 'digit')).toEqual(samples);
  });
});
