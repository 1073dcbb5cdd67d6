import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The data sets some tests read: never committed, found beside the project as CI has them
 * (`../shared/data/`), or wherever an environment variable says. A test that needs one names it
 * in its title, and fails with this message, never skips, when it is not there.
 */
export const DATA_SETS = {
  mnist: { env: 'MNIST_DIR', path: '../shared/data/mnist', what: 'the four MNIST .gz files' },
  pendigits: {
    env: 'PENDIGITS_PATH',
    path: '../shared/data/pendigits/digits-dev.json',
    what: 'the UCI pen digits trajectories',
  },
  unipenDigits: {
    env: 'UNIPEN_DIGITS_PATH',
    path: '../shared/data/unipen/digits-dev.json',
    what: 'the UNIPEN digits trajectories',
  },
  unipenLetters: {
    env: 'UNIPEN_LETTERS_PATH',
    path: '../shared/data/unipen/letters-dev.json',
    what: 'the UNIPEN letters trajectories',
  },
} as const;

export type DataSetName = keyof typeof DATA_SETS;

/** Where data set `name` is; throws a message that says what is missing and how to provide it. */
export function dataSetPath(name: DataSetName): string {
  const { env, path, what } = DATA_SETS[name];
  const found = process.env[env] ? resolve(process.env[env]) : resolve(REPO_ROOT, path);
  if (!existsSync(found)) {
    throw new Error(
      `This test needs ${what} at ${found}: put ../shared/data beside the project (as CI has it), or set ${env}.`,
    );
  }
  return found;
}
