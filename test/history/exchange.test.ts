import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PenDataError } from '../../src/digit';
import { exportDrawings, importDrawings } from '../../src/history/exchange';
import { createMemoryStore } from '../../src/history/memoryStore';
import { loadPenDigits } from '../../training/pen';
import { drawing } from './fixtures';

async function saved() {
  const store = createMemoryStore();
  await store.addAll([drawing(4, 5, 1000), drawing(7, 7, 2000, 5), drawing(0, 0, 3000, 2)]);
  return store.list();
}

describe('export and import', () => {
  it('exports pen data, oldest first, that imports back as the same drawings', async () => {
    const drawings = await saved();
    const text = exportDrawings(drawings);
    const rows = JSON.parse(text) as {
      label: number;
      writer: string;
      split: string;
      strokes: number[][][];
    }[];
    expect(rows.map((r) => r.label)).toEqual([4, 7, 0]);
    expect(rows[0]).toEqual({
      label: 4,
      writer: 'me',
      split: 'digitpad',
      index: drawings[2].id,
      strokes: [
        [
          [40, 54],
          [50, 74],
          [60, 94],
        ],
      ],
    });
    const back = importDrawings(text, [], 'cnn', 5000);
    expect(back.map((d) => d.label)).toEqual([4, 7, 0]);
    expect(back.every((d) => d.predicted === null && d.penWidth >= 8 && d.padSide > 0)).toBe(true);
    // Same shape, moved into a pad of its own: the differences between points are kept.
    const dx = (d: { strokes: readonly (readonly { x: number; y: number }[])[] }) =>
      d.strokes[0][1].x - d.strokes[0][0].x;
    expect(dx(back[1])).toBe(dx(drawings[1]));
  });

  it('skips drawings already kept, so importing an export twice adds nothing', async () => {
    const drawings = await saved();
    expect(importDrawings(exportDrawings(drawings), drawings, 'cnn', 0)).toEqual([]);
  });

  it('writes a file the training command reads (training/pen.ts loadPenDigits, as --pen-data does)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digitpad-export-'));
    try {
      const file = join(dir, 'my-drawings.json');
      writeFileSync(file, exportDrawings(await saved()));
      const digits = await loadPenDigits(file);
      expect(digits.map((d) => [d.label, d.writer])).toEqual([
        [4, 'me'],
        [7, 'me'],
        [0, 'me'],
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  const row = (fields: object) => ({
    label: 3,
    writer: 'me',
    strokes: [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    ...fields,
  });
  it.each([
    ['not JSON', '[{', null, /not valid JSON/],
    ['not an array', '{}', null, /not a JSON array/],
    [
      'a label that is no digit',
      JSON.stringify([row({}), row({ label: 12 })]),
      1,
      /label is 12, not a digit/,
    ],
    ['a letter', JSON.stringify([row({ label: 'a' })]), 0, /label is "a"/],
    ['no writer', JSON.stringify([row({ writer: undefined })]), 0, /writer is missing/],
    [
      'no strokes',
      JSON.stringify([row({}), row({}), row({ strokes: [] })]),
      2,
      /strokes is not a non-empty list/,
    ],
    [
      'a bad point',
      JSON.stringify([
        row({
          strokes: [
            [
              [1, 2],
              [3, 'x'],
            ],
          ],
        }),
      ]),
      0,
      /stroke 1, point 2/,
    ],
    ['an empty stroke', JSON.stringify([row({ strokes: [[[1, 2]], []] })]), 0, /stroke 2 is not/],
    ['a non-numeric index', JSON.stringify([row({ index: 'one' })]), 0, /index is "one"/],
  ])('refuses %s, naming the row and why, adding nothing', (_, text, badRow, reason) => {
    let error: unknown;
    try {
      importDrawings(text, [], 'cnn', 0);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PenDataError);
    expect((error as PenDataError).row).toBe(badRow);
    expect((error as PenDataError).message).toMatch(reason);
  });

  it('imports the pen digits data set as it is', () => {
    const text = JSON.stringify([
      {
        label: 8,
        writer: 3,
        split: 'tra',
        index: 0,
        strokes: [
          [
            [10, 400],
            [300, 20],
          ],
        ],
      },
    ]);
    const [d] = importDrawings(text, [], 'cnn', 0);
    expect(d.label).toBe(8);
    expect(d.padSide).toBeCloseTo(380 / 0.6);
  });
});
