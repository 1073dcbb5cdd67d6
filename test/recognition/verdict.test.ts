import { describe, expect, it } from 'vitest';
import type { InkShape } from '../../src/digit';
import type { NotDigitScore } from '../../src/model/catalog';
import {
  CONFIDENCE_THRESHOLD,
  digitProbabilities,
  judge,
  secondAnswer,
  type ReadingVerdict,
} from '../../src/recognition/verdict';

/** Ten digit probabilities: the given ones, the rest sharing what is left equally. */
const digits = (entries: Record<number, number>, total = 1) => {
  const rest =
    (total - Object.values(entries).reduce((sum, p) => sum + p, 0)) / (10 - Object.keys(entries).length);
  return Array.from({ length: 10 }, (_, digit) => entries[digit] ?? rest);
};

/** The outputs of an eleven-output model: the digits' share is what "not a digit" leaves. */
const eleven = (notDigit: number, entries: Record<number, number>) => [
  ...digits(
    Object.fromEntries(Object.entries(entries).map(([digit, p]) => [digit, p * (1 - notDigit)])),
    1 - notDigit,
  ),
  notDigit,
];

const NOT_DIGIT: NotDigitScore = { output: 10, threshold: 0.4 };
const read = (outputs: number[], notDigit: NotDigitScore | null = NOT_DIGIT, ink: InkShape = 'readable') =>
  judge({ outputs, ink }, notDigit);
const kindOf = (verdict: ReadingVerdict) =>
  verdict.kind === 'not-digit' ? `not-digit (${verdict.reason})` : verdict.kind;

describe('the digit probabilities shown', () => {
  it.each([
    ['a ten-output model, as they are', digits({ 7: 0.93 }), 0.93],
    ['an eleven-output model, without the "not a digit" share', eleven(0.5, { 7: 0.93 }), 0.93],
    ['a model nearly sure it is not a digit', eleven(0.999, { 7: 0.93 }), 0.93],
  ])('are the ten digit outputs summing to 1: %s', (_name, outputs, seven) => {
    const probabilities = digitProbabilities(outputs);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 10);
    expect(probabilities[7]).toBeCloseTo(seven, 10);
  });

  it('are all equal when every digit output underflowed to 0', () => {
    expect(digitProbabilities([...Array<number>(10).fill(0), 1])).toEqual(Array<number>(10).fill(0.1));
  });
});

describe('the verdict', () => {
  const T = CONFIDENCE_THRESHOLD;
  const N = NOT_DIGIT.threshold;
  it.each<[string, number[], NotDigitScore | null, InkShape, string]>([
    // The model's "not a digit" score, at and around its threshold.
    [
      'not-digit score at the threshold',
      eleven(N, { 3: 0.99 }),
      NOT_DIGIT,
      'readable',
      'not-digit (not-a-digit)',
    ],
    [
      'not-digit score just above it',
      eleven(N + 1e-6, { 3: 0.99 }),
      NOT_DIGIT,
      'readable',
      'not-digit (not-a-digit)',
    ],
    [
      'not-digit score just below it, the rest all on one digit',
      eleven(N - 1e-6, { 3: 1 }),
      NOT_DIGIT,
      'readable',
      'digit',
    ],
    ['not-digit score 0', eleven(0, { 3: 0.99 }), NOT_DIGIT, 'readable', 'digit'],
    ['not-digit score 1', eleven(1, { 3: 0.99 }), NOT_DIGIT, 'readable', 'not-digit (not-a-digit)'],
    [
      'not-digit score below it, digits unsure',
      eleven(N - 1e-6, { 3: 0.5, 5: 0.4 }),
      NOT_DIGIT,
      'readable',
      'unsure',
    ],
    // The top digit's belief, its share of all the outputs, at and around 0.6.
    // Two digits share everything here, so the sums are exact and "at" is exactly at.
    ['top digit at exactly the confidence threshold', digits({ 0: T, 1: 1 - T }), null, 'readable', 'digit'],
    ['top digit just below it', digits({ 0: T - 1e-9, 1: 1 - T + 1e-9 }), null, 'readable', 'unsure'],
    ['top digit just above it', digits({ 0: T + 1e-9, 1: 1 - T - 1e-9 }), null, 'readable', 'digit'],
    // With "not a digit" beside: 0.8 of the digits' 0.75 is a belief of 0.6.
    [
      'belief just above it, "not a digit" 0.25',
      eleven(0.25, { 4: 0.8 + 1e-6 }),
      NOT_DIGIT,
      'readable',
      'digit',
    ],
    [
      'belief just below it, "not a digit" 0.25',
      eleven(0.25, { 4: 0.8 - 1e-6 }),
      NOT_DIGIT,
      'readable',
      'unsure',
    ],
    // Sure among the digits is not sure: a model giving 0.35 to "not a digit" doubts the 4.
    [
      'nearly the only digit, "not a digit" 0.35 under its threshold',
      eleven(0.35, { 4: 0.9 }),
      NOT_DIGIT,
      'readable',
      'unsure',
    ],
    [
      'under 0.6 even with "not a digit" under its threshold of 0.9',
      eleven(0.5, { 4: T, 9: 1 - T }),
      { ...NOT_DIGIT, threshold: 0.9 },
      'readable',
      'unsure',
    ],
    // Ink too small to read, whatever the model says.
    [
      'too small, the model sure of a digit',
      eleven(0, { 1: 1 }),
      NOT_DIGIT,
      'too-small',
      'not-digit (too-small)',
    ],
    ['too small, a ten-output model', digits({ 0: 1 }), null, 'too-small', 'not-digit (too-small)'],
    [
      'too small and scored not a digit',
      eleven(0.9, { 1: 1 }),
      NOT_DIGIT,
      'too-small',
      'not-digit (too-small)',
    ],
    // A lone line lying too far from upright, whatever the model says; the size check comes first.
    [
      'a lying line, the model sure of a digit',
      eleven(0, { 1: 1 }),
      NOT_DIGIT,
      'line',
      'not-digit (not-a-digit)',
    ],
    ['a lying line, a ten-output model', digits({ 7: 1 }), null, 'line', 'not-digit (not-a-digit)'],
    // An eleventh output the model's entry does not name counts for nothing: 0.42 of the digits' 0.6.
    ['an unnamed eleventh output of 0.4', [...digits({ 4: 0.42 }, 0.6), 0.4], null, 'readable', 'digit'],
    // A ten-output model has no score to say it with.
    ['a ten-output model, one digit', digits({ 8: 0.99 }), null, 'readable', 'digit'],
    ['a ten-output model, two digits', digits({ 8: 0.45, 0: 0.4 }), null, 'readable', 'unsure'],
  ])('%s', (_name, outputs, notDigit, ink, expected) => {
    expect(kindOf(read(outputs, notDigit, ink))).toBe(expected);
  });

  it.each<[string, number[], NotDigitScore | null, string]>([
    ['"not a digit" outweighs the runner-up digit', eleven(0.35, { 4: 0.9 }), NOT_DIGIT, 'not a digit'],
    ['the runner-up digit outweighs "not a digit"', eleven(0.1, { 4: 0.5, 9: 0.45 }), NOT_DIGIT, '9'],
    ['a ten-output model', digits({ 4: 0.5, 9: 0.45 }), null, '9'],
    ['an eleventh output the entry does not name', [...digits({ 4: 0.3, 9: 0.25 }, 0.6), 0.4], null, '9'],
  ])('names the second answer of an unsure verdict: %s', (_name, outputs, notDigit, second) => {
    const verdict = read(outputs, notDigit);
    if (verdict.kind !== 'unsure') throw new Error(`expected unsure, got ${verdict.kind}`);
    expect(verdict.digit).toBe(4);
    expect(secondAnswer(verdict)).toBe(second);
  });

  it('keeps the top digit, its renormalised probability and the runner-up in every verdict', () => {
    for (const [outputs, ink] of [
      [eleven(0.9, { 6: 0.7, 5: 0.2 }), 'readable'],
      [eleven(0.1, { 6: 0.7, 5: 0.2 }), 'readable'],
      [eleven(0.1, { 6: 0.5, 5: 0.45 }), 'readable'],
      [eleven(0.1, { 6: 0.7, 5: 0.2 }), 'too-small'],
      [eleven(0.1, { 6: 0.7, 5: 0.2 }), 'line'],
    ] as const) {
      const verdict = read([...outputs], NOT_DIGIT, ink);
      expect(verdict).toMatchObject({ digit: 6, runnerUp: 5 });
      expect(verdict.confidence).toBeCloseTo(verdict.kind === 'unsure' ? 0.5 : 0.7, 10);
      expect(verdict.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 10);
    }
  });

  it('never says "not a digit" for a readable drawing when the model has no score for it', () => {
    for (let top = 0; top < 10; top++)
      for (const p of [0, 0.1, 0.3, 0.59, 0.6, 0.9, 1]) {
        expect(read(digits({ [top]: p }), null).kind).not.toBe('not-digit');
        // Even should a ten-output entry's model give an eleventh output, it means nothing.
        expect(read([...digits({ [top]: p }, 0.5), 0.5], null).kind).not.toBe('not-digit');
      }
  });

  it('finds the runner-up wherever it is', () => {
    for (let top = 0; top < 10; top++) {
      for (let second = 0; second < 10; second++) {
        if (second === top) continue;
        const verdict = read(digits({ [top]: 0.4, [second]: 0.35 }), null);
        expect(verdict).toMatchObject({ kind: 'unsure', digit: top, runnerUp: second });
        expect(verdict.confidence).toBeCloseTo(0.4, 10);
      }
    }
  });

  it('gives ties to the lower digit', () => {
    expect(read(digits({ 7: 0.3, 2: 0.3 }), null)).toMatchObject({ digit: 2, runnerUp: 7 });
    expect(read(Array<number>(10).fill(0.1), null)).toMatchObject({ digit: 0, runnerUp: 1 });
  });
});
