import { describe, expect, it } from 'vitest';
import { penDigitsGroup, unipenGroup } from '../../src/digit/writerSplit';
import {
  fineTuneAdapter,
  fineTuneOnce,
  splitCorrections,
  tuningScore,
  writerPicker,
  type AdaptationFigures,
} from '../../training/adaptation';

const penWriters = Array.from({ length: 30 }, (_, i) => i + 1);
const picked = (pick: (w: number | string) => boolean) => penWriters.filter(pick);

describe('the writers test:adaptation reports on and tunes on', () => {
  const allTrained = Array.from({ length: 20 }, (_, i) => i + 1);

  it.each([
    ['test, whatever the model learned from', 'test', allTrained, [25, 26, 27, 28, 29, 30]],
    ['tune, for a model that learned from every training writer', 'tune', allTrained, [21, 22, 23, 24]],
    [
      'tune, for a model that left writers out',
      'tune',
      [1, 2, 3, 5, 7, 9, 10, 12, 13, 14, 15, 17, 19, 20],
      [4, 6, 8, 11, 16, 18, 21, 22, 23, 24],
    ],
    ['tune, for a model whose metrics do not list its writers', 'tune', null, [21, 22, 23, 24]],
  ] as const)('%s', (_case, role, trained, expected) => {
    expect(picked(writerPicker(role, penDigitsGroup, trained))).toEqual(expected);
  });

  it('never tunes on a test writer, even one a model did not learn from', () => {
    const names = Array.from({ length: 300 }, (_, i) => `site/w${i}`);
    const tuning = names.filter(writerPicker('tune', unipenGroup, []));
    expect(tuning.some((w) => unipenGroup(w) === 'train')).toBe(true);
    expect(tuning.every((w) => unipenGroup(w) !== 'test')).toBe(true);
    expect(names.filter(writerPicker('test', unipenGroup, [])).every((w) => unipenGroup(w) === 'test')).toBe(
      true,
    );
  });
});

describe('splitCorrections', () => {
  it('takes the first k of each digit as corrections and tests on those after the fifth', () => {
    const labels = [...Array.from({ length: 7 }, () => 3), ...Array.from({ length: 7 }, () => 8)];
    expect(splitCorrections(labels, 3)).toEqual({ corrections: [0, 1, 2, 7, 8, 9], test: [5, 6, 12, 13] });
    expect(splitCorrections(labels, 1).test).toEqual(splitCorrections(labels, 5).test);
  });
});

describe('tuningScore', () => {
  const figures = (madeWorse: AdaptationFigures['madeWorse'] = []): AdaptationFigures => ({
    writers: ['a', 'b'],
    byK: [1, 3, 5].map((k) => ({ k, plain: 0.02, adapted: k === 3 ? 0.005 : 0.01, ratio: 0.5 })),
    worstAtK3: { writer: 'b', accuracy: 0.97 },
    madeWorse,
    mislabelledK3: { plain: 0.02, adapted: 0.008, ratio: 0.4 },
  });

  it("adds up the error at k = 3, the mislabelled error and the worst writer's error", () => {
    expect(tuningScore(figures())).toBeCloseTo(0.005 + 0.008 + 0.03, 12);
  });

  it('adds what adapting costs each writer it makes worse, at every k', () => {
    const worse = [
      { writer: 'a', k: 1, plain: 0, adapted: 0.005 },
      { writer: 'a', k: 5, plain: 0.01, adapted: 0.02 },
    ];
    expect(tuningScore(figures(worse)) - tuningScore(figures())).toBeCloseTo(0.015, 12);
  });
});

describe('fineTuneOnce', () => {
  const drawing = (label: number) => ({
    features: Float32Array.from({ length: 3 }, (_, i) => (i === label % 3 ? 1 : 0)),
    outputs: Float32Array.from({ length: 10 }, (_, d) => (d === label ? 0.91 : 0.01)),
    label,
  });

  it('fits the same drawings with the same labels once, and anything else again', () => {
    const [a, b] = [drawing(1), drawing(2)];
    const fineTune = fineTuneOnce();
    const first = fineTune([a, b]);
    expect(fineTune([{ ...a }, { ...b }])).toBe(first); // copies holding the same drawings
    expect(fineTune([a, { ...b, label: 7 }])).not.toBe(first);
    expect(fineTune([a, drawing(2)])).not.toBe(first);
    expect(fineTune([a])).not.toBe(first);
  });

  it('answers as the fine-tuned layer does, each drawing worked out once', () => {
    const corrections = [drawing(1), drawing(2), drawing(1)];
    const query = drawing(2);
    const once = fineTuneOnce()(corrections);
    const answer = once(query.outputs, query.features);
    expect(Array.from(answer)).toEqual(
      Array.from(fineTuneAdapter(corrections)(query.outputs, query.features)),
    );
    expect(once(query.outputs, query.features)).toBe(answer);
  });
});
