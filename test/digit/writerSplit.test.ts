import { describe, expect, it } from 'vitest';
import { keptAtShare, penDigitsGroup, unipenGroup } from '../../src/digit/writerSplit';
import { createRandom } from '../../src/learning/random';

describe('writer groups', () => {
  it.each([
    [1, 'train'],
    [20, 'train'],
    [21, 'tune'],
    [24, 'tune'],
    [25, 'test'],
    [30, 'test'],
    ['27', 'test'],
  ])('UCI pen digits writer %s is a %s writer', (writer, group) => {
    expect(penDigitsGroup(writer)).toBe(group);
  });

  it('splits UNIPEN writers about 60 / 20 / 20', () => {
    const groups = Array.from({ length: 2000 }, (_, i) => unipenGroup(`site/writer-${i}`));
    const share = (group: string) => groups.filter((g) => g === group).length / groups.length;
    expect(share('train')).toBeCloseTo(0.6, 1);
    expect(share('tune')).toBeCloseTo(0.2, 1);
    expect(share('test')).toBeCloseTo(0.2, 1);
  });
});

describe('keptAtShare: the training writers a --train-writers run learns from', () => {
  const names = Array.from({ length: 400 }, (_, i) => `site${i % 7}/writer-${i}`);

  it('keeps every writer at share 1', () => {
    expect(names.every((name) => keptAtShare(name, 1))).toBe(true);
  });

  it('keeps a writer kept at one share at every larger share too (300 random cases)', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const name = names[Math.floor(random() * names.length)];
      const share = 0.01 + 0.99 * random();
      const larger = share + (1 - share) * random();
      if (keptAtShare(name, share))
        expect(keptAtShare(name, larger), `${name} at ${share}, ${larger}`).toBe(true);
    }
  });

  it.each([0.25, 0.5, 0.75])('keeps about %s of many writers, from every site', (share) => {
    const kept = names.filter((name) => keptAtShare(name, share));
    expect(kept.length / names.length).toBeGreaterThan(share - 0.08);
    expect(kept.length / names.length).toBeLessThan(share + 0.08);
    for (let site = 0; site < 7; site++)
      expect(kept.some((name) => name.startsWith(`site${site}/`))).toBe(true);
  });

  it('keeps a pen digits writer by number as by name, so every file agrees', () => {
    for (let writer = 1; writer <= 30; writer++)
      expect(keptAtShare(writer, 0.5)).toBe(keptAtShare(String(writer), 0.5));
  });
});
