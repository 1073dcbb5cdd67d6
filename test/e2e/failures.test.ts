import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fault } from './server';
import { e2eSuite } from './suite';

const suite = e2eSuite();

const MODEL_JSON = 'models/cnn/model.json';

interface Breakage {
  readonly name: string;
  readonly file: () => string;
  readonly fault: () => Fault;
  /** What the alert must say, besides naming the file. */
  readonly says: RegExp;
  /** What Chromium logs about it by itself (failed loads are console errors there). */
  readonly logs: readonly RegExp[];
}

describe('a broken deploy', () => {
  let weightFile: string;
  let modelJson: string;

  beforeAll(async () => {
    modelJson = await readFile(join(inject('distDir'), MODEL_JSON), 'utf8');
    const manifest = (JSON.parse(modelJson) as { weightsManifest: { paths: string[] }[] }).weightsManifest;
    weightFile = `models/cnn/${manifest[0].paths[0]}`;
  });

  const breakages: Breakage[] = [
    {
      name: 'model.json missing',
      file: () => MODEL_JSON,
      fault: () => ({ kind: 'status', status: 404 }),
      says: /404|not found|missing/i,
      logs: [/status of 404/],
    },
    {
      name: 'model.json cut off mid-file',
      file: () => MODEL_JSON,
      fault: () => ({ kind: 'body', body: modelJson.slice(0, Math.floor(modelJson.length / 2)) }),
      says: /JSON|corrupt|invalid/i,
      logs: [],
    },
    {
      name: 'model.json valid JSON but not a model',
      file: () => MODEL_JSON,
      fault: () => ({ kind: 'body', body: '{"hello": "world"}' }),
      says: /model|corrupt|invalid/i,
      logs: [],
    },
    {
      name: 'weights truncated',
      file: () => weightFile,
      fault: () => ({ kind: 'truncate', bytes: 1000 }),
      says: /bytes|truncated|short|incomplete/i,
      logs: [],
    },
    {
      name: 'weights missing',
      file: () => weightFile,
      fault: () => ({ kind: 'status', status: 404 }),
      says: /404|not found|missing/i,
      logs: [/status of 404/],
    },
  ];

  it.each(breakages)(
    '$name: the alert says what failed; after the fix, Retry brings the app back',
    async (breakage) => {
      const file = breakage.file();
      suite.server.fail(file, breakage.fault());
      const app = await suite.open({ waitFor: 'settled', expectedConsoleErrors: breakage.logs });

      expect(await app.status.getAttribute('data-state')).toBe('error');
      // Shown: plain words for the person drawing. Folded away: the file and what was wrong.
      const shownText = await app.alertText();
      const alert = await app.alertFullText();
      console.log(`${breakage.name}: the alert shows "${shownText}"; in full "${alert}"`);
      expect(shownText).toMatch(/can’t read digits right now/i);
      const fileName = file.split('/').pop()!;
      expect(shownText).not.toContain(fileName);
      expect(alert).toContain(fileName);
      expect(alert).toMatch(breakage.says);
      expect(await app.focused()).toBe('Retry');
      expect(await app.backend()).toBe('');
      expect(await app.readPrediction()).toEqual({ digit: null, confidence: 0, strokes: 0, verdict: '' });

      // Ink drawn while the model is missing stays on the pad, and is read once the model is back.
      const { width, height } = await app.padBox();
      await app.draw('mouse', [
        Array.from({ length: 20 }, (_, i) => ({ x: width * 0.5, y: height * (0.1 + 0.03 * i) })),
      ]);
      expect((await app.padPixels()).inked).toBeGreaterThan(0);

      // The file is fixed on the server; the page has cached nothing it should not have.
      suite.server.restore();
      const requestsBefore = suite.server.served.filter((path) => path === file).length;
      await app.page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
      await app.modelReady();
      expect(suite.server.served.filter((path) => path === file).length).toBeGreaterThan(requestsBefore);
      expect(await app.page.getByRole('alert').count()).toBe(0);
      expect(['webgl', 'wasm', 'cpu']).toContain(await app.backend());

      const shown = await app.resultFor(1);
      expect(shown.strokes).toBe(1);
      expect(shown.digit).not.toBeNull();
    },
  );
});
