import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The boundaries in eslint.config.js, shown rejecting a violating line (and accepting the same
 * line where it belongs), with the project's own configuration on virtual files.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: resolve(__dirname, '../..') });
});

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', filePath) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe('lint boundaries', () => {
  it.each([
    [
      'a Node module in the page',
      'src/recognition/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    ],
    [
      'a bare Node module in the page',
      'src/pad/x.ts',
      "import { join } from 'path';\nexport const j = join;",
    ],
    [
      'TensorFlow.js outside the model and learning core',
      'src/components/X.tsx',
      "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;",
    ],
    [
      'TensorFlow.js in pure logic',
      'src/digit/x.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;",
    ],
    [
      'React in pure logic',
      'src/recognition/x.ts',
      "import { useState } from 'react';\nexport const u = useState;",
    ],
    [
      'React in the model module',
      'src/model/x.ts',
      "import { useState } from 'react';\nexport const u = useState;",
    ],
    [
      'Node in the learning core',
      'src/learning/x.ts',
      "import { cpus } from 'node:os';\nexport const c = cpus;",
    ],
    ['React in training', 'training/x.ts', "import { useState } from 'react';\nexport const u = useState;"],
  ])('rejects %s (no-restricted-imports)', async (_what, file, code) => {
    expect(await rulesBroken(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['process in the page', 'src/model/x.ts', 'export const env = process.env.MODE;'],
    ['Buffer in the page', 'src/recognition/x.ts', "export const b = Buffer.from('x');"],
    [
      'document in the learning core, which runs in a worker',
      'src/learning/x.ts',
      "export const c = document.createElement('canvas');",
    ],
    ['window in training', 'training/x.ts', 'export const w = window.innerWidth;'],
  ])('rejects %s (no-restricted-globals)', async (_what, file, code) => {
    expect(await rulesBroken(file, code)).toContain('no-restricted-globals');
  });

  it.each([
    [
      'TensorFlow.js in the model module',
      'src/model/x.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;",
    ],
    [
      'TensorFlow.js in the learning core',
      'src/learning/x.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;",
    ],
    [
      'React in a component',
      'src/components/X.tsx',
      "import { useState } from 'react';\nexport const u = useState;",
    ],
    [
      'Node in training',
      'training/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync(process.argv[1]);",
    ],
    ['document in a component', 'src/components/X.tsx', 'export const t = document.title;'],
  ])('accepts %s', async (_what, file, code) => {
    expect(await rulesBroken(file, code)).toEqual([]);
  });

  it('rejects a function over 40 lines in src/ (max-lines-per-function)', async () => {
    const body = Array.from({ length: 41 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const code = `export function long() {\n${body}\n  return v0 + v40;\n}\n`;
    expect(await rulesBroken('src/pad/x.ts', code)).toContain('max-lines-per-function');
  });
});
