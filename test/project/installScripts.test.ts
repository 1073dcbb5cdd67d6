import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('a fresh npm ci', () => {
  it('has a decision in allowScripts for every dependency with an install script, so npm 11 has nothing to warn about', () => {
    const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.length, 'the lock lists the packages with install scripts').toBeGreaterThan(0);
    const { allowScripts = {} } = read('package.json') as { allowScripts?: Record<string, boolean> };
    // Keys may be pinned (`esbuild@0.28.2`) or bare (`esbuild`).
    const decided = new Set(Object.keys(allowScripts).map((key) => key.replace(/(?<=.)@[^@]*$/, '')));
    expect(withScripts.filter((name) => !decided.has(name))).toEqual([]);
  });
});
