import { parseArgs } from 'node:util';
import { BACKENDS, type BackendName } from '../../src/model/backendChoice';

/** A bad flag of a measuring script: printed as one line, exit status 2. */
export class FlagError extends Error {}

/** Parses `argv` strictly against string flags; an unknown flag or a stray word is a `FlagError`. */
export function stringFlags<Name extends string>(
  argv: readonly string[],
  names: readonly Name[],
): Partial<Record<Name, string>> {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Partial<
      Record<Name, string>
    >;
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
}

/** A whole number >= `min` (1 unless said), or `fallback` when the flag is absent. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min)
    throw new FlagError(`--${flag} needs a whole number >= ${min}, got "${value}"`);
  return parsed;
}

/** A window size in CSS px, `WIDTHxHEIGHT`, or `fallback` when the flag is absent. */
export function viewportFlag(
  value: string | undefined,
  fallback: { readonly width: number; readonly height: number },
): { width: number; height: number } {
  if (value === undefined) return { ...fallback };
  const match = /^(\d+)x(\d+)$/.exec(value);
  if (match === null || Number(match[1]) === 0 || Number(match[2]) === 0)
    throw new FlagError(`--viewport takes WIDTHxHEIGHT in CSS px (e.g. 844x390), got "${value}"`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

export function backendFlag(flag: string, value: string): BackendName {
  if (!(BACKENDS as readonly string[]).includes(value))
    throw new FlagError(`--${flag}: unknown backend "${value}" (${BACKENDS.join(', ')})`);
  return value as BackendName;
}

/** Runs a script's `main` with its flags: a `FlagError` is one line and exit status 2. */
export async function runScript(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exitCode = 2;
  }
}
