import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPenData, type PenSample } from '../../src/digit/penData';
import { keptAtShare, penDigitsGroup, unipenGroup } from '../../src/digit/writerSplit';
import { visitedPerEpoch } from '../../src/learning/fit';
import { createRandom } from '../../src/learning/random';
import { loadTrainingSources, type SourceOptions, type TrainingData } from '../../training/sources';
import { writeSyntheticMnist } from './fixtures';

/** One short stroke per sample: what the split looks at is the writer, not the ink. */
const sample = <L extends number | string>(label: L, writer: number | string): PenSample<L> => ({
  label,
  writer,
  strokes: [
    [
      { x: 0, y: 0 },
      { x: 10, y: 40 },
    ],
  ],
});

function writeFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'digitpad-sources-'));
  const unipenWriters = Array.from({ length: 60 }, (_, i) => `site${i % 4}/w${i}`);
  const files = {
    pen: join(dir, 'pen.json'),
    unipen: join(dir, 'unipen.json'),
    letters: join(dir, 'letters.json'),
  };
  writeFileSync(files.pen, formatPenData(Array.from({ length: 30 }, (_, i) => sample(i % 10, i + 1))));
  writeFileSync(files.unipen, formatPenData(unipenWriters.map((w, i) => sample(i % 10, w))));
  writeFileSync(files.letters, formatPenData(unipenWriters.map((w) => sample('k', w))));
  return files;
}

/** Every training source of the files, read with these options on top. */
const loadFrom = (dataDir: string, files: ReturnType<typeof writeFiles>, options: Partial<SourceOptions>) =>
  loadTrainingSources({
    dataDir,
    penData: files.pen,
    unipenData: files.unipen,
    lettersData: files.letters,
    verifyChecksums: false,
    ...options,
  });

const writers = (samples: readonly { writer: number | string }[]) =>
  new Set(samples.map((s) => String(s.writer)));

describe('loadTrainingSources --train-writers', () => {
  const dataDir = writeSyntheticMnist(100, 20);
  const files = writeFiles();
  const load = (trainWriters?: number) => loadFrom(dataDir, files, { trainWriters });

  it('learns from the kept share of the training writers only, in digits and letters alike', async () => {
    const [all, half]: TrainingData[] = [await load(), await load(0.5)];
    expect(writers(all.pen.train).size).toBe(20);
    for (const set of ['pen', 'unipen', 'letters'] as const) {
      const kept = [...writers(all[set].train)].filter((w) => keptAtShare(w, 0.5));
      expect([...writers(half[set].train)].sort()).toEqual(kept.sort());
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(writers(all[set].train).size);
    }
    expect(writers(half.letters.train)).toEqual(writers(half.unipen.train));
  });

  it('leaves the tuning and test writers as they are', async () => {
    const [all, half] = [await load(), await load(0.5)];
    for (const set of ['pen', 'unipen'] as const)
      for (const group of ['tune', 'test'] as const) expect(half[set][group]).toEqual(all[set][group]);
    expect([...writers(half.pen.test)].every((w) => penDigitsGroup(w) === 'test')).toBe(true);
    expect([...writers(half.unipen.tune)].every((w) => unipenGroup(w) === 'tune')).toBe(true);
  });
});

describe('loadTrainingSources --real-repeats', () => {
  const dataDir = writeSyntheticMnist(100, 20);
  const files = writeFiles();
  const load = (realRepeats?: number) => loadFrom(dataDir, files, { lettersData: null, realRepeats });
  const epoch = (data: TrainingData) => data.sources.map((s) => `${s.name} ${visitedPerEpoch(s)}`);

  it('visits every real training digit that many times an epoch, MNIST as before', async () => {
    const [once, twice] = [await load(), await load(2)];
    const pen = once.pen.train.length;
    const unipen = once.unipen.train.length;
    expect(epoch(once)).toEqual(['mnist 100', `pen ${pen}`, `unipen ${unipen}`]);
    expect(epoch(twice)).toEqual([
      'mnist 100',
      `pen ${pen}`,
      `unipen ${unipen}`,
      `pen ${pen}`,
      `unipen ${unipen}`,
    ]);
  });

  it('draws each visit of a digit from its own seed (a visit gets its own in the epoch), with the same label', async () => {
    const { sources } = await load(2);
    const [first, again] = [sources[1], sources[3]];
    expect(again.label(0)).toBe(first.label(0));
    expect(again.image(0, createRandom(5))).toEqual(first.image(0, createRandom(5)));
    expect(again.image(0, createRandom(6))).not.toEqual(first.image(0, createRandom(5)));
  });
});
