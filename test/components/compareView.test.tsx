// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import CompareView from '../../src/components/CompareView';
import type { InkShape } from '../../src/digit';
import type { CatalogEntry } from '../../src/model/catalog';
import type { Classifier } from '../../src/model/classifier';
import { DIGITS_ONLY } from '../../src/model/modelSource';

const committed = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { models: CatalogEntry[] };
const models = committed.models.slice(0, 2);

/** A model sure the drawing is a 1: 0.99 on it, the rest shared, and nothing on "not a digit". */
function sureOfOne(): Classifier {
  const outputs = Float32Array.from({ length: 11 }, (_, i) => (i === 1 ? 0.99 : i < 10 ? 0.01 / 9 : 0));
  const classify = vi.fn(async () => outputs);
  return {
    backend: 'cpu',
    outputs: DIGITS_ONLY,
    classify,
    classifyBatch: vi.fn(async (inputs: readonly Float32Array[]) => inputs.map(() => outputs)),
    classifyWithFeatures: vi.fn(async () => []),
    handOver: vi.fn(async () => {}),
    activations: vi.fn(async () => []),
    dispose: vi.fn(),
  };
}

async function answersFor(ink: InkShape): Promise<string[]> {
  const load = async () => ({ classifier: sureOfOne(), owned: true });
  const input = new Float32Array(784);
  render(<CompareView models={models} load={load} inUse={models[0].id} input={input} ink={ink} />);
  const rows = within(screen.getByTestId('compare')).getAllByRole('row').slice(1);
  await vi.waitFor(() => expect(rows.every((row) => row.dataset.digit === '1')).toBe(true));
  return rows.map((row) => within(row).getAllByRole('cell')[0].textContent ?? '');
}

describe('Compare the models', () => {
  it('gives each model’s own answer for readable ink', async () => {
    expect(await answersFor('readable')).toEqual(models.map(() => '1 · 99%'));
  });

  it('says "not a digit" for every model when the ink’s shape says so, however sure the model is', async () => {
    expect(await answersFor('line')).toEqual(models.map(() => 'not a digit'));
  });
});
