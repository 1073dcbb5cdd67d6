import { describe, expect, it } from 'vitest';
import { ACCURACY_DEFAULTS, parseAccuracyArgs } from '../e2e/accuracyArgs';
import { digitFigures, letterFigures, sizeReport, type Outcome } from '../e2e/accuracyReport';
import { FlagError } from '../e2e/flags';
import type { ShownVerdict } from '../e2e/padPage';

describe('parseAccuracyArgs (npm run test:accuracy)', () => {
  it('has defaults for every flag', () => {
    expect(parseAccuracyArgs([])).toEqual({
      limit: undefined,
      accuracyBackend: undefined,
      unipen: ACCURACY_DEFAULTS.unipen,
      letters: ACCURACY_DEFAULTS.letters,
      sizes: ACCURACY_DEFAULTS.sizes,
      latencyDigits: 100,
      latencyBackends: ['wasm', 'webgl', 'cpu'],
      seed: 1,
    });
    expect(ACCURACY_DEFAULTS.letters).toBeGreaterThanOrEqual(200);
  });

  it('reads every flag, and 0 leaves a part out', () => {
    const argv = ['--limit', '50', '--backend', 'cpu', '--unipen', '0', '--letters', '400', '--sizes', '30'];
    argv.push('--latency-digits', '5', '--latency-backends', 'wasm,cpu', '--seed', '7');
    expect(parseAccuracyArgs(argv)).toEqual({
      limit: 50,
      accuracyBackend: 'cpu',
      unipen: 0,
      letters: 400,
      sizes: 30,
      latencyDigits: 5,
      latencyBackends: ['wasm', 'cpu'],
      seed: 7,
    });
  });

  it.each([
    [['--letters=-1'], /--letters needs a whole number >= 0, got "-1"/],
    [['--letters', 'many'], /--letters needs a whole number >= 0, got "many"/],
    [['--unipen', '2.5'], /--unipen needs a whole number/],
    [['--sizes', ''], /--sizes needs a whole number/],
    [['--letters'], /--letters/],
    [['--backend', 'tpu'], /--backend: unknown backend "tpu"/],
    [['--latency-digits', '0'], /--latency-digits needs a whole number >= 1/],
    [['--words', '3'], /--words/],
    [['extra'], /extra/],
  ])('%j fails with one line that names the flag', (argv, message) => {
    let thrown: unknown;
    try {
      parseAccuracyArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FlagError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });
});

/** What the page showed for a sample labelled `label`. */
function outcome<Label extends number | string>(
  label: Label,
  digit: number | null,
  verdict: ShownVerdict,
): Outcome<Label> {
  return {
    sample: { label, writer: 'w', strokes: [] },
    shown: { digit, confidence: 0.5, strokes: 1, verdict },
  };
}

describe('the accuracy figures', () => {
  it('count a digit right by its top digit, and say apart how often it was called no digit or unsure', () => {
    const figures = digitFigures([
      outcome(3, 3, 'digit'),
      outcome(3, 3, 'unsure'),
      outcome(3, 3, 'not-digit'),
      outcome(3, 5, 'digit'),
      outcome(4, 9, 'not-digit'),
    ]);
    expect(figures).toEqual({ total: 5, right: 3, notDigit: 2, unsure: 1, rightShown: 2 });
  });

  it('count letters answered not-digit or unsure, and which were taken for a sure digit', () => {
    const figures = letterFigures([
      outcome('A', 4, 'not-digit'),
      outcome('A', 4, 'digit'),
      outcome('M', 8, 'unsure'),
      outcome('M', 8, 'not-digit'),
    ]);
    expect(figures).toMatchObject({ total: 4, notDigit: 2, unsure: 1, digit: 1 });
    expect(Object.fromEntries(figures.byLetter)).toEqual({
      A: { total: 2, digit: 1 },
      M: { total: 2, digit: 0 },
    });
  });

  it('give the gap between big and small digits in points', () => {
    const small = [
      outcome(1, 1, 'digit'),
      outcome(2, 7, 'digit'),
      outcome(3, 3, 'digit'),
      outcome(4, 4, 'digit'),
    ];
    const big = [
      outcome(1, 1, 'digit'),
      outcome(2, 2, 'digit'),
      outcome(3, 3, 'digit'),
      outcome(4, 4, 'digit'),
    ];
    expect(sizeReport(small, big)).toContain('gap (60% minus 10%): accuracy 25.00 points');
  });
});
