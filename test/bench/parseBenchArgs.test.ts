import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from '../../bench/run';

describe('parseBenchArgs', () => {
  it('has defaults for every flag', () => {
    const args = parseBenchArgs([]);
    expect(args).toMatchObject({ runs: 5, digits: 20, out: '.bench/results.json', skipTraining: false });
    expect(args.dataDir).toMatch(/mnist$/);
  });

  it('reads every flag', () => {
    expect(
      parseBenchArgs([
        '--runs',
        '3',
        '--digits',
        '10',
        '--data-dir',
        'd',
        '--out',
        'o.json',
        '--skip-training',
      ]),
    ).toEqual({ runs: 3, digits: 10, dataDir: 'd', out: 'o.json', skipTraining: true });
  });

  it.each([
    [['--runs', '0'], /--runs needs a whole number >= 1, got "0"/],
    [['--runs', '2.5'], /--runs needs a whole number/],
    [['--digits', 'many'], /--digits needs a whole number >= 1, got "many"/],
    [['--runs'], /--runs/],
    [['--speed', '3'], /--speed/],
    [['extra'], /extra/],
    [['--out', ''], /--out needs a file name/],
  ])('%j fails with one line that names the flag', (argv, message) => {
    let thrown: unknown;
    try {
      parseBenchArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BenchUsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });
});
