import { describe, expect, it } from 'vitest';
import { NOT_DIGIT } from '../../src/digit';
import {
  auroc,
  chooseThreshold,
  MAX_THRESHOLD,
  expectedCalibrationError,
  readRow,
  shareAtLeast,
} from '../../src/learning/openSet';
import { createRandom } from '../../src/learning/random';

describe('auroc', () => {
  it.each([
    { higher: [0.9, 0.8], lower: [0.1, 0.2], expected: 1 },
    { higher: [0.1, 0.2], lower: [0.9, 0.8], expected: 0 },
    { higher: [0.5, 0.5], lower: [0.5, 0.5], expected: 0.5 },
    { higher: [0.3, 0.9], lower: [0.5], expected: 0.5 },
    { higher: [0.5, 0.9], lower: [0.5, 0.1], expected: 0.875 },
  ])('$higher over $lower is $expected', ({ higher, lower, expected }) => {
    expect(auroc(higher, lower)).toBeCloseTo(expected, 10);
  });

  it('equals the share of pairs ranked right (ties half), on random scores', () => {
    const random = createRandom(7);
    const higher = Array.from({ length: 40 }, () => Math.round(random() * 10) / 10);
    const lower = Array.from({ length: 30 }, () => Math.round(random() * 10) / 10);
    let pairs = 0;
    for (const h of higher) for (const l of lower) pairs += h > l ? 1 : h === l ? 0.5 : 0;
    expect(auroc(higher, lower)).toBeCloseTo(pairs / (higher.length * lower.length), 10);
  });

  it('is undefined without both groups', () => {
    expect(auroc([], [0.1])).toBeNaN();
  });
});

describe('chooseThreshold', () => {
  const digits = [
    ...Array.from({ length: 990 }, () => 0.01),
    ...Array.from({ length: 10 }, (_, i) => 0.1 + i * 0.05),
  ];

  it.each([
    // 10 of 1000 digits score 0.10, 0.15 .. 0.55: allowing 0.5% lets the 5 from 0.35 up through,
    // and 0.31 is the lowest hundredth still under the sixth (0.30).
    { maxRate: 0.005, expected: 0.31 },
    // 1% lets all ten through: down to the floor.
    { maxRate: 0.01, expected: 0.05 },
    // None allowed: above the highest digit, 0.55.
    { maxRate: 0, expected: 0.56 },
  ])('keeps at most $maxRate of the tuning digits: $expected', ({ maxRate, expected }) => {
    const threshold = chooseThreshold(digits, maxRate);
    expect(threshold).toBeCloseTo(expected, 10);
    if (maxRate > 0) expect(shareAtLeast(digits, threshold)).toBeLessThanOrEqual(maxRate);
  });

  it('goes no lower than 0.05 however clean the digits are', () => {
    expect(chooseThreshold([0, 0, 0], 0.01)).toBe(0.05);
  });

  it('goes above 0.5 when the tuning digits need it, and no higher than MAX_THRESHOLD', () => {
    const doubtful = [...Array.from({ length: 990 }, () => 0.01), ...Array.from({ length: 10 }, () => 0.7)];
    expect(chooseThreshold(doubtful, 0.005)).toBeCloseTo(0.71, 10);
    expect(chooseThreshold([...doubtful, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.005)).toBe(MAX_THRESHOLD);
  });
});

describe('expectedCalibrationError', () => {
  it.each([
    { confidences: [1, 1, 1, 1], correct: [true, true, true, true], expected: 0 },
    { confidences: [1, 1, 1, 1], correct: [true, true, false, false], expected: 0.5 },
    { confidences: [0.55, 0.55], correct: [true, false], expected: 0.05 },
    { confidences: [0.95, 0.25], correct: [false, true], expected: 0.85 },
  ])('$confidences / $correct: $expected', ({ confidences, correct, expected }) => {
    expect(expectedCalibrationError(confidences, correct)).toBeCloseTo(expected, 10);
  });
});

describe('readRow', () => {
  it('renormalises the ten digits and reads the not-a-digit output apart', () => {
    const outputs = new Float32Array(22);
    outputs.set([0, 0, 0, 0, 0, 0, 0, 0.3, 0, 0.1, 0.6], 11);
    expect(readRow(outputs, 11, 1)).toMatchObject({
      digit: 7,
      confidence: expect.closeTo(0.75, 6),
      notDigit: expect.closeTo(0.6, 6),
    });
    expect(NOT_DIGIT).toBe(10);
  });

  it('gives a ten-output model a zero not-a-digit score', () => {
    const outputs = Float32Array.from([0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(readRow(outputs, 10, 0)).toMatchObject({
      digit: 1,
      confidence: expect.closeTo(0.9, 6),
      notDigit: 0,
    });
  });
});
