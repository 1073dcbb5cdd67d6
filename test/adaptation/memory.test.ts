import { describe, expect, it } from 'vitest';
import {
  ADAPT_DEFAULTS,
  adapt,
  createMemory,
  EMPTY_MEMORY,
  memoryOfReadings,
  neighbourVote,
  personalWeight,
  startingWeight,
  type AdaptOptions,
  unit,
  weightSteps,
  withExample,
} from '../../src/adaptation/memory';
import type { TuningExample } from '../../src/adaptation/outputLayer';
import { topDigit } from '../../src/digit';
import { createRandom } from '../../src/learning/random';
import { drawingOf, lookalikeWriter, misreadWriter, outputsOf } from './misreadWriter';

/**
 * A small fixture: features are noisy copies of one prototype per digit; the "model" reads this
 * writer's 4s as 5s (its softmax says 5 with 0.7), as the worst unseen writer was read.
 */
const random = createRandom(3);
const prototypes = Array.from({ length: 10 }, () => Float32Array.from({ length: 32 }, () => random()));
const sampleOf = (digit: number) => prototypes[digit].map((x) => Math.max(0, x + 0.15 * (random() - 0.5)));
function misreadOutputs(digit: number): Float32Array {
  const read = digit === 4 ? 5 : digit;
  return Float32Array.from({ length: 10 }, (_, i) => (i === read ? 0.7 : 0.3 / 9));
}

describe('adapting to a writer', () => {
  it('fixes a writer whose 4 is always read as 5, from three corrections per digit', () => {
    const memory = createMemory(
      Array.from({ length: 30 }, (_, i) => ({ features: sampleOf(i % 10), label: i % 10 })),
    );
    let plainRight = 0;
    let adaptedRight = 0;
    for (let i = 0; i < 100; i++) {
      const digit = i % 10;
      const features = sampleOf(digit);
      const outputs = misreadOutputs(digit);
      plainRight += Number(topDigit(outputs) === digit);
      const adapted = adapt(outputs, features, memory);
      adaptedRight += Number(topDigit(adapted) === digit);
      expect(adapted.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(plainRight).toBe(90);
    expect(adaptedRight).toBe(100);
  });

  it('withstands one wrong label (a slip of the key) among three', () => {
    const examples = [4, 4, 9].map((label) => ({ features: sampleOf(4), label }));
    const adapted = adapt(misreadOutputs(4), sampleOf(4), createMemory(examples));
    expect(topDigit(adapted)).toBe(4);
  });

  describe('doubting a label that looks like a slip', () => {
    /** Two 4s labelled 4 and one 4 the model read as 4 but the person labelled 7. */
    const fours = [sampleOf(4), sampleOf(4)];
    const slip = (read7?: number) =>
      createMemory([
        ...fours.map((features) => ({ features, label: 4, read: 4 })),
        { features: prototypes[4], label: 7, read: read7 },
      ]);
    const voteFor7 = (doubt: number, read7?: number) =>
      neighbourVote(slip(read7), prototypes[4], { ...ADAPT_DEFAULTS, doubt }).votes[7];

    it("takes most of the vote from a label the model and the person's own drawings both contradict", () => {
      expect(voteFor7(0, 4)).toBeGreaterThan(0.3);
      expect(voteFor7(1, 4)).toBeCloseTo(0, 6);
      expect(voteFor7(0.8, 4)).toBeLessThan(voteFor7(0, 4) / 2);
    });

    it('trusts a label the model agrees with, or when it is not known what the model read', () => {
      expect(voteFor7(1, 7)).toBeCloseTo(voteFor7(0, 7), 6);
      expect(voteFor7(1)).toBeCloseTo(voteFor7(0), 6);
    });

    it("keeps the vote of a real correction: a misread 4, like the person's other 4s", () => {
      const memory = createMemory([0, 1, 2].map(() => ({ features: sampleOf(4), label: 4, read: 5 })));
      const { votes } = neighbourVote(memory, sampleOf(4), { ...ADAPT_DEFAULTS, doubt: 1 });
      expect(votes[4]).toBeCloseTo(1, 6);
      expect(topDigit(adapt(misreadOutputs(4), sampleOf(4), memory, { ...ADAPT_DEFAULTS, doubt: 1 }))).toBe(
        4,
      );
    });
  });

  it('changes nothing with an empty memory, or drawings unlike anything in it', () => {
    const outputs = misreadOutputs(4);
    expect(adapt(outputs, sampleOf(4), EMPTY_MEMORY)).toBe(outputs);
    const far = withExample(EMPTY_MEMORY, { features: Float32Array.from([1, 0, 0]), label: 4 });
    expect(neighbourVote(far, Float32Array.from([0, 1, 0])).share).toBe(0);
  });

  it('keeps an eleventh output ("not a digit") as it is, and a sum of 1', () => {
    const outputs = Float32Array.from([...misreadOutputs(4).map((p) => p * 0.8), 0.2]);
    const memory = createMemory([{ features: sampleOf(4), label: 4 }]);
    const adapted = adapt(outputs, sampleOf(4), memory);
    expect(adapted).toHaveLength(11);
    expect(adapted.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(adapted[10]).toBeCloseTo(0.2, 6);
    expect(adapted[4]).toBeGreaterThan(outputs[4]);
  });

  it('compares directions, not lengths', () => {
    expect(Array.from(unit(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(unit(new Float32Array(2)))).toEqual([0, 0]);
  });
});

describe("choosing the vote's weight for a person", () => {
  const weightFor = (examples: readonly TuningExample[], options = ADAPT_DEFAULTS) =>
    personalWeight(
      memoryOfReadings(examples),
      examples.map((e) => e.outputs),
      options,
    );
  const FIXED = { ...ADAPT_DEFAULTS, taughtWeight: 0.6, minWeight: 0.6, maxWeight: 0.6 };

  it.each([
    [0.6, [0.6, 0.5, 0.7, 0.8, 0.9, 1]],
    [0.8, [0.8, 0.7, 0.9, 0.6, 1, 0.5]],
    [1, [1, 0.9, 0.8, 0.7, 0.6, 0.5]],
  ])(
    'tries the weight it starts at (%d) first, then the others of 0.5 to 1, the nearer first',
    (start, steps) => {
      expect(weightSteps(start, ADAPT_DEFAULTS)).toEqual(steps);
      expect(weightSteps(start, FIXED)).toEqual(start === 0.6 ? [0.6] : [start, 0.6]);
    },
  );

  it.each([
    ['no drawing', [], 0.6],
    ['one of every digit', misreadWriter(1), 0.6],
    ['two of every digit but 4', misreadWriter(2).filter((e) => e.label !== 4), 0.6],
    ['two of every digit', misreadWriter(2), 0.8],
  ])('starts at a stronger weight once every digit has two drawings: %s', (_, examples, start) => {
    expect(startingWeight(examples.map((e) => e.label))).toBe(start);
  });

  it('gives the nearest weight that reads them right to a person whose 4s the model keeps misreading', () => {
    const corrections = misreadWriter(3);
    const weight = weightFor(corrections);
    expect(weight).toBe(0.9);
    const memory = memoryOfReadings(corrections);
    const { outputs, features } = drawingOf(4, 40);
    const read = (options: AdaptOptions) =>
      topDigit(adapt(Float32Array.from(outputs), features, memory, options));
    expect(read({ ...ADAPT_DEFAULTS, weight: 0.8 })).toBe(5);
    expect(read({ ...ADAPT_DEFAULTS, weight })).toBe(4);
  });

  it('always gives one of the weights it tries, for people drawn at random', () => {
    const random = createRandom(11);
    for (let person = 0; person < 20; person++) {
      const examples = Array.from({ length: 10 + Math.floor(random() * 40) }, () => {
        const label = Math.floor(random() * 10);
        const read = random() < 0.2 ? Math.floor(random() * 10) : label;
        return { features: sampleOf(label), outputs: outputsOf({ [read]: 0.5 + 0.5 * random() }), label };
      });
      const start = startingWeight(examples.map((e) => e.label));
      expect(weightSteps(start, ADAPT_DEFAULTS)).toContain(weightFor(examples));
    }
  });

  it('gives a weaker vote to a person whose 7s look like their 1s', () => {
    expect(weightFor(lookalikeWriter())).toBe(0.5);
  });

  it.each([
    ['the model reads them all right', misreadWriter(3, false), 0.8],
    ['each misread 4 is the only one of its kind (a drawing never votes for itself)', misreadWriter(1), 0.6],
    ['no other weight is allowed', misreadWriter(3), 0.6, FIXED],
    ['there is nothing to learn from', [], 0.6],
  ])('keeps where it starts when %s', (_, examples, start, options = ADAPT_DEFAULTS) => {
    expect(weightFor(examples, options)).toBe(start);
  });
});
