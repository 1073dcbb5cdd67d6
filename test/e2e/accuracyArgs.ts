import { BACKENDS, type BackendName } from '../../src/model/backendChoice';
import { backendFlag, stringFlags, wholeNumber } from './flags';

/** What `npm run test:accuracy` measures; each count of 0 leaves that part out. */
export interface AccuracyOptions {
  /** Held-out pen digits to draw; all of them (about 1,500) when absent. */
  readonly limit?: number;
  /** The backend of the accuracy runs; the app's own choice when absent. */
  readonly accuracyBackend?: BackendName;
  /** UNIPEN digits of test writers to draw (of about 2,000). */
  readonly unipen: number;
  /** UNIPEN letters of test writers that do not look like digits (of about 4,800). */
  readonly letters: number;
  /** Held-out pen digits drawn once 10% and once 60% of the pad high. */
  readonly sizes: number;
  readonly latencyDigits: number;
  readonly latencyBackends: readonly BackendName[];
  readonly seed: number;
}

/** Defaults that keep the whole run near 14 minutes on two cores (15 with a training run beside it). */
export const ACCURACY_DEFAULTS = {
  unipen: 800,
  letters: 300,
  sizes: 200,
  latencyDigits: 100,
  seed: 1,
} as const;

const FLAGS = [
  'limit',
  'backend',
  'unipen',
  'letters',
  'sizes',
  'latency-digits',
  'latency-backends',
  'seed',
] as const;

/** The script's flags, each checked: a bad one is a `FlagError` naming it. */
export function parseAccuracyArgs(argv: readonly string[]): AccuracyOptions {
  const values = stringFlags(argv, FLAGS);
  const count = (flag: 'unipen' | 'letters' | 'sizes') =>
    wholeNumber(flag, values[flag], ACCURACY_DEFAULTS[flag], 0);
  return {
    limit: values.limit === undefined ? undefined : wholeNumber('limit', values.limit, 0),
    accuracyBackend: values.backend === undefined ? undefined : backendFlag('backend', values.backend),
    unipen: count('unipen'),
    letters: count('letters'),
    sizes: count('sizes'),
    latencyDigits: wholeNumber('latency-digits', values['latency-digits'], ACCURACY_DEFAULTS.latencyDigits),
    latencyBackends: (values['latency-backends'] ?? BACKENDS.join(','))
      .split(',')
      .filter(Boolean)
      .map((name) => backendFlag('latency-backends', name)),
    seed: wholeNumber('seed', values.seed, ACCURACY_DEFAULTS.seed, 0),
  };
}
