import { describe, expect, it } from 'vitest';
import { MNIST_PIXELS } from '../../src/digit';
import { heldOutFigures, type HeldOutSet, type SetOutputs } from '../../training/heldOut';
import { EVAL_PEN_RATIOS } from '../../training/pen';
import { lettersLine, writersLine } from '../../training/train';

const WIDTH = 11;

/** Outputs that give `digit` all but `notDigit`, which goes to "not a digit" (index 10). */
function rows(answers: readonly { digit: number; notDigit?: number }[]): SetOutputs {
  const outputs = new Float32Array(answers.length * WIDTH);
  answers.forEach(({ digit, notDigit = 0.01 }, i) => {
    outputs[i * WIDTH + digit] = 1 - notDigit;
    outputs[i * WIDTH + 10] = notDigit;
  });
  return { outputs, width: WIDTH };
}

const set = (labels: number[]): HeldOutSet => ({
  inputs: new Float32Array(labels.length * MNIST_PIXELS),
  labels,
});

/** A held-out set and what the model answered for it. */
interface ReadSet {
  readonly set: HeldOutSet;
  readonly read: SetOutputs;
}

/** MNIST, read right: every figure needs it. */
const MNIST: ReadSet = { set: set([0, 1]), read: rows([{ digit: 0 }, { digit: 1 }]) };

/** The figures at threshold 0.5 of MNIST and the `named` sets, each read as given. */
function figuresOf(named: Record<string, ReadSet> = {}) {
  const all = Object.entries({ mnist: MNIST, ...named });
  return heldOutFigures(
    new Map(all.map(([name, { read }]) => [name, read])),
    new Map(all.map(([name, { set: drawn }]) => [name, drawn])),
    0.5,
  );
}

describe("the tuning writers' digits and letters in the held-out figures", () => {
  it('reports how many of them are read right, beside the share called "not a digit"', () => {
    const read = rows([{ digit: 3 }, { digit: 4 }, { digit: 5 }, { digit: 8, notDigit: 0.9 }]);
    const figures = figuresOf({ tuning: { set: set([3, 4, 5, 6]), read } });
    expect(figures.tuningDigitsAccuracy).toBe(0.75);
    expect(figures.tuningDigitsNotDigit).toBe(0.25);
    expect(figures.mnist.accuracy).toBe(1);
  });

  it('counts their letters answered "not a digit" or unsure, as the page would judge them', () => {
    // Not a digit (0.9 and, at the threshold, 0.5), unsure (the 3 holds 55% of the belief), a sure 7.
    const read = rows([
      { digit: 1, notDigit: 0.9 },
      { digit: 2, notDigit: 0.5 },
      { digit: 3, notDigit: 0.45 },
      { digit: 7, notDigit: 0.02 },
    ]);
    const figures = figuresOf({ 'tuning letters': { set: set([-1, -1, -1, -1]), read } });
    expect(figures.tuningLettersRejected).toBe(0.75);
    expect(figures.tuningDigitsAccuracy).toBeNull();
  });

  it('has none without tuning writers', () => {
    const figures = figuresOf();
    expect(figures.tuningDigitsAccuracy).toBeNull();
    expect(figures.tuningLettersRejected).toBeNull();
  });
});

describe('each test writer’s digits in the held-out figures', () => {
  const labels = [1, 2, 3, 4, 7];
  const writers = ['ann', 'ann', 'bo', 'bo', 'cy'];

  /** The pen digits at each pen width, read as `digitsAt(width)` answers. */
  const figuresReading = (digitsAt: (width: number) => number[]) =>
    figuresOf(
      Object.fromEntries(
        EVAL_PEN_RATIOS.map((ratio, width) => [
          `pen ${ratio}`,
          { set: { ...set(labels), writers }, read: rows(digitsAt(width).map((digit) => ({ digit }))) },
        ]),
      ),
    );

  it('gives each writer’s share read right over every pen width, worst first', () => {
    // bo's 3 is read as 8 at every width; ann's 2 as 7 at one width; cy is always right.
    const figures = figuresReading((width) => [1, width === 0 ? 7 : 2, 8, 4, 7]);
    expect(figures.pen?.byWriter).toEqual([
      { writer: 'bo', count: 2, accuracy: 0.5 },
      { writer: 'ann', count: 2, accuracy: 5 / 6 },
      { writer: 'cy', count: 1, accuracy: 1 },
    ]);
    // The set's own figure, the mean over widths, agrees: 3, 4 and 4 of 5.
    expect(figures.pen?.accuracy).toBeCloseTo((3 / 5 + 4 / 5 + 4 / 5) / 3, 10);
  });

  it('lists the writers with something wrong, and counts the others', () => {
    const byWriter = figuresReading(() => [1, 2, 8, 4, 7]).pen?.byWriter ?? [];
    expect(writersLine('pen digits', byWriter)).toBe(
      'pen digits by test writer, worst first: bo 50.0% of 2; 2 more with none wrong',
    );
    expect(writersLine('pen digits', byWriter.slice(1))).toBe(
      'pen digits by test writer, worst first: none wrong; 2 more with none wrong',
    );
  });
});

describe('the letters the page takes for digits, in the held-out figures', () => {
  /** The letters figures of letters `written`, read as `read`. */
  const lettersReading = (written: string[], read: { digit: number; notDigit?: number }[]) =>
    figuresOf({ letters: { set: { ...set(written.map(() => -1)), written }, read: rows(read) } }).letters;

  it('counts only sure digits against a letter, most first', () => {
    const letters = lettersReading(
      ['a', 'a', 'y', 'y', 'y', 'b', 'c'],
      [
        { digit: 8 }, // a sure 8
        { digit: 0, notDigit: 0.9 }, // "not a digit"
        { digit: 9 },
        { digit: 4 },
        { digit: 4, notDigit: 0.45 }, // unsure: the 4 holds 55% of the belief
        { digit: 6, notDigit: 0.45 },
        { digit: 1, notDigit: 0.6 },
      ],
    );
    expect(letters?.byLetter).toEqual([
      { letter: 'y', count: 3, takenForDigit: 2 },
      { letter: 'a', count: 2, takenForDigit: 1 },
    ]);
    expect(letters?.notDigit).toBeCloseTo(2 / 7, 10);
    expect(letters?.unsure).toBeCloseTo(2 / 7, 10);
  });

  it('names the first ten letters and counts the rest', () => {
    const written = 'abcdefghijkl'.split('');
    const byLetter =
      lettersReading(
        written,
        written.map(() => ({ digit: 7 })),
      )?.byLetter ?? [];
    expect(lettersLine(byLetter)).toBe(
      'letters answered as a sure digit, most first: a 1 of 1, b 1 of 1, c 1 of 1, d 1 of 1, e 1 of 1, ' +
        'f 1 of 1, g 1 of 1, h 1 of 1, i 1 of 1, j 1 of 1; 2 more among 2 other letters',
    );
    expect(lettersLine([])).toBe('letters answered as a sure digit, most first: none');
  });
});
