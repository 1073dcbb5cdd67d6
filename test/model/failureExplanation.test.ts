import { describe, expect, it } from 'vitest';
import { ModelError, type ModelErrorKind } from '../../src/model/errors';
import { explainFailure } from '../../src/model/failureExplanation';

const KINDS: ModelErrorKind[] = [
  'not-found',
  'http',
  'network',
  'corrupt-model',
  'truncated-weights',
  'no-backend',
];

describe('explainFailure', () => {
  it.each(KINDS)('%s: plain words first, the loader’s message as the detail', (kind) => {
    const message = `Could not load the model: models/cnn/model.json failed (${kind})`;
    const explained = explainFailure(new ModelError(kind, message), true);
    expect(explained.headline).toMatch(/can’t read/i);
    expect(explained.detail).toBe(message);
    // The reason is for a person: no file paths, no status codes, no jargon.
    expect(explained.reason).not.toMatch(/model\.json|\.bin|\b\d{3}\b|tfjs|backend|webgl|wasm/i);
  });

  it('gives every kind its own reason', () => {
    const reasons = KINDS.map((kind) => explainFailure(new ModelError(kind, 'x'), true).reason);
    expect(new Set(reasons).size).toBe(KINDS.length);
  });

  it('blames being offline only for a network failure while the browser is offline', () => {
    expect(explainFailure(new ModelError('network', 'x'), false).reason).toMatch(/offline/);
    expect(explainFailure(new ModelError('network', 'x'), true).reason).not.toMatch(/offline/);
    expect(explainFailure(new ModelError('not-found', 'x'), false).reason).not.toMatch(/offline/);
  });

  it('still explains an error that is not a ModelError', () => {
    const explained = explainFailure(new TypeError('boom'), true);
    expect(explained.reason).toMatch(/went wrong/);
    expect(explained.detail).toBe('boom');
  });
});
