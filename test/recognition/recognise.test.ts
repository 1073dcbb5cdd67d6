import { beforeAll, describe, expect, it, vi } from 'vitest';
import { drawWithNodeCanvas } from './nodeCanvas';
import { MNIST_PIXELS, type InkShape, type Stroke } from '../../src/digit';
import type { Classifier } from '../../src/model/classifier';
import { DIGITS_ONLY } from '../../src/model/modelSource';
import { lineWidthForPad } from '../../src/pad/padGeometry';
import { createRaster, strokesToModelInput, type Raster } from '../../src/recognition/modelInput';
import {
  answersThePad,
  createReadingMemo,
  recognise,
  unread,
  type DrawingSnapshot,
} from '../../src/recognition/recognise';
import { heldOut, loadPenDigits, stratifiedSample, type PenDigit } from '../e2e/pendigits';

drawWithNodeCanvas();

let raster: Raster;
beforeAll(() => {
  raster = createRaster();
});

/** A pad of this side, CSS px, and the pen it draws with (4.5% of it). */
const PAD = 500;
const PAD_PEN = lineWidthForPad(PAD);

/** Answers every input with its row number, so a test sees which row went where; counts its calls. */
function recordingClassifier(): Classifier & { inputs: Float32Array[][] } {
  const inputs: Float32Array[][] = [];
  const classifyWithFeatures = vi.fn(async (batch: readonly Float32Array[]) => {
    inputs.push([...batch]);
    return batch.map((_, row) => ({
      outputs: Float32Array.from({ length: 10 }, (_, i) => (i === row ? 0.91 : 0.01)),
      features: Float32Array.of(row),
    }));
  });
  const classifyBatch = async (batch: readonly Float32Array[]) =>
    (await classifyWithFeatures(batch)).map((row) => row.outputs);
  return {
    backend: 'cpu',
    outputs: DIGITS_ONLY,
    classifyWithFeatures,
    classifyBatch,
    classify: async (input) => (await classifyBatch([input]))[0],
    handOver: async () => {},
    activations: async () => [],
    dispose: vi.fn(),
    inputs,
  };
}

const snapshot = (strokes: readonly Stroke[], lineWidth = PAD_PEN): DrawingSnapshot => ({
  strokes,
  lineWidth,
  finishedStrokes: strokes.length,
});

/** A vertical line `length` px long, in the middle of the pad. */
const line = (length: number): Stroke[] => [
  [
    { x: 250, y: 250 - length / 2 },
    { x: 250, y: 250 + length / 2 },
  ],
];

/** A horizontal line `length` px long, in the middle of the pad. */
const across = (length: number): Stroke => [
  { x: 250 - length / 2, y: 250 },
  { x: 250 + length / 2, y: 250 },
];

describe('recognise', () => {
  it('asks nothing of the model for an empty pad', async () => {
    const classifier = recordingClassifier();
    expect(await recognise(snapshot([]), classifier, raster)).toEqual({ strokes: 0, readings: [] });
    expect(classifier.classifyWithFeatures).not.toHaveBeenCalled();
  });

  it('reads the pad in one model call, and keeps the input, the outputs and the size check together', async () => {
    const classifier = recordingClassifier();
    const recognition = await recognise(snapshot(line(200)), classifier, raster);
    expect(classifier.classifyWithFeatures).toHaveBeenCalledTimes(1);
    expect(recognition.strokes).toBe(1);
    expect(recognition.readings).toHaveLength(1);
    const [reading] = recognition.readings;
    expect(reading.input).toBe(classifier.inputs[0][0]);
    expect(reading.outputs[0]).toBeCloseTo(0.91);
    expect(reading.ink).toBe('readable');
  });

  it.each<[string, Stroke[], InkShape]>([
    ['a dot', [[{ x: 100, y: 100 }]], 'too-small'],
    ['a tick shorter than the pen is wide', line(PAD_PEN * 0.8), 'too-small'],
    ['a line as long as the pen is wide', line(PAD_PEN), 'readable'],
    ['a digit a tenth of the pad high', line(PAD * 0.1), 'readable'],
    ['a digit filling the pad', line(PAD * 0.9), 'readable'],
    ['a line across the pad', [across(PAD * 0.8)], 'line'],
  ])("says what the ink's shape says: %s", async (_name, strokes, ink) => {
    const recognition = await recognise(snapshot(strokes), recordingClassifier(), raster);
    expect(recognition.readings.map((reading) => reading.ink)).toEqual([ink]);
  });

  it('reads a number in one model call, its digits left to right whatever order they were drawn in', async () => {
    // Three shapes far apart, drawn right to left: a 1, a 7 and an L.
    const one: Stroke = [
      { x: 410, y: 150 },
      { x: 420, y: 300 },
    ];
    const seven: Stroke = [
      { x: 200, y: 150 },
      { x: 300, y: 150 },
      { x: 240, y: 300 },
    ];
    const ell: Stroke = [
      { x: 30, y: 150 },
      { x: 30, y: 300 },
      { x: 110, y: 300 },
    ];
    const classifier = recordingClassifier();
    const recognition = await recognise(snapshot([one, seven, ell]), classifier, raster);
    expect(classifier.classifyWithFeatures).toHaveBeenCalledTimes(1);
    const alone = (stroke: Stroke) => Array.from(unread([stroke], PAD_PEN, raster).input);
    expect(recognition.readings.map((reading) => Array.from(reading.input))).toEqual(
      [ell, seven, one].map(alone),
    );
  });

  it('reads again only the groups a new stroke changes, through the memo of the last update', async () => {
    const at = (x: number): Stroke => [
      { x, y: 150 },
      { x: x + 10, y: 300 },
    ];
    const classifier = recordingClassifier();
    const memo = createReadingMemo();
    await recognise(snapshot([at(50), at(200)]), classifier, raster, memo);
    const third = await recognise(snapshot([at(50), at(200), at(350)]), classifier, raster, memo);
    expect(third.readings).toHaveLength(3);
    expect(classifier.inputs).toHaveLength(2);
    expect(classifier.inputs[1]).toHaveLength(1); // the new 1 alone: the others were read
    // Another model: nothing remembered applies.
    const other = recordingClassifier();
    await recognise(snapshot([at(50), at(200), at(350)]), other, raster, memo);
    expect(other.inputs[0].length).toBeGreaterThanOrEqual(3);
  });

  it('reads ink the raster cannot find as a blank image that is too small to read', async () => {
    // A pen this fine leaves a dot of less ink than preprocessing calls an image.
    const speck = [[{ x: 100, y: 100 }]];
    expect(strokesToModelInput(speck, 0.25, raster)).toBeNull();
    const recognition = await recognise(snapshot(speck, 1), recordingClassifier(), raster);
    expect(recognition.readings).toHaveLength(1);
    expect(recognition.readings[0].ink).toBe('too-small');
    expect(recognition.readings[0].input).toEqual(new Float32Array(MNIST_PIXELS));
  });
});

/**
 * A 3x3 box blur: at the 28x28 input's scale a stroke is 1 to 3 px wide, so the blur compares
 * where the strokes run rather than exactly how wide they are (the reading pen's width still
 * varies with the digit's size, between 0.05 and 0.13 of it, all within what training draws).
 */
function blurred(input: Float32Array): Float32Array {
  const side = Math.sqrt(input.length);
  const inside = (i: number) => i >= 0 && i < side;
  return input.map((_, i) => {
    const [row, column] = [Math.floor(i / side), i % side];
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        if (inside(row + dy) && inside(column + dx)) sum += input[(row + dy) * side + column + dx];
    return sum / 9;
  });
}

/** Cosine similarity of two model inputs, blurred: 1 for the same image, whatever its overall ink. */
function similarity(a: Float32Array, b: Float32Array): number {
  const [x, y] = [blurred(a), blurred(b)];
  let xy = 0;
  let xx = 0;
  let yy = 0;
  x.forEach((value, i) => {
    xy += value * y[i];
    xx += value * value;
    yy += y[i] * y[i];
  });
  return xy / Math.sqrt(xx * yy);
}

/** The pen digit's strokes drawn `height` px high (aspect kept) near the pad's top-left corner. */
function drawnAt(digit: PenDigit, height: number): Stroke[] {
  const points = digit.strokes.flat();
  const minX = Math.min(...points.map(({ x }) => x));
  const minY = Math.min(...points.map(({ y }) => y));
  const scale = height / (Math.max(...points.map(({ y }) => y)) - minY);
  return digit.strokes.map((stroke) =>
    stroke.map(({ x, y }) => ({ x: 20 + (x - minX) * scale, y: 20 + (y - minY) * scale })),
  );
}

/** Digit heights, as fractions of the pad: from a small digit in a corner to one filling it. */
const SIZES = [0.1, 0.3, 0.5, 0.7, 0.9];

/**
 * The least similarity allowed between the inputs of one digit drawn at any two of the sizes.
 * Measured on 100 held-out pen digits, the worst pair of sizes of each: 0.908 to 0.989 (median
 * 0.966) with the reading pen; 0.631 to 0.894 (median 0.801) with the pad's pen, whose small
 * digit is a blob.
 */
const SAME_DIGIT_AT_ANY_SIZE = 0.9;

/** The worst similarity among every pair of `inputs`. */
const worstPair = (inputs: readonly Float32Array[]) =>
  Math.min(...inputs.flatMap((a) => inputs.map((b) => similarity(a, b))));

describe('the model input at any size (pen digits data set)', () => {
  let digits: PenDigit[];
  beforeAll(async () => {
    digits = stratifiedSample(heldOut(await loadPenDigits()), 3, 9);
  });

  const inputsAt = async (digit: PenDigit) => {
    const classifier = recordingClassifier();
    for (const size of SIZES) await recognise(snapshot(drawnAt(digit, size * PAD)), classifier, raster);
    return classifier.inputs.map(([input]) => input);
  };

  it('is much the same for one digit drawn from 10% to 90% of the pad high', async () => {
    for (const digit of digits) {
      const worst = worstPair(await inputsAt(digit));
      expect(worst, `digit ${digit.label}, writer ${digit.writer}`).toBeGreaterThanOrEqual(
        SAME_DIGIT_AT_ANY_SIZE,
      );
    }
  });

  it("would not be with the pad's own pen, which makes a small digit a blob", () => {
    const worst = digits.map((digit) => {
      const inputs = SIZES.map((size) => strokesToModelInput(drawnAt(digit, size * PAD), PAD_PEN, raster));
      if (inputs.includes(null)) throw new Error('expected ink');
      return worstPair(inputs as Float32Array[]);
    });
    // Measured on this sample: 0.67 to 0.89, median 0.80.
    const median = [...worst].sort((a, b) => a - b)[Math.floor(worst.length / 2)];
    expect(median).toBeLessThan(0.85);
  });
});

describe('answersThePad: an answer for the pad as it is', () => {
  const stroke = [{ x: 0, y: 0 }];
  it.each([
    ['two finished strokes, both read', { active: null, strokes: [stroke, stroke] }, 2, true],
    ['a blank pad, nothing read', { active: null, strokes: [] }, 0, true],
    ['a stroke under the pen', { active: stroke, strokes: [stroke] }, 1, false],
    ['the last stroke not read yet', { active: null, strokes: [stroke, stroke] }, 1, false],
    ['an answer to strokes since undone', { active: null, strokes: [stroke] }, 2, false],
  ])('%s', (_case, pad, read, answers) => {
    expect(answersThePad(pad, { strokes: read })).toBe(answers);
  });
});
