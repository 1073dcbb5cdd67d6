import { describe, expect, it } from 'vitest';
import { readCatalog, type CatalogEntry } from '../../src/model/catalog';
import {
  MODEL_STORAGE_KEY,
  optionLabel,
  queriedModel,
  resolveChoice,
  storeModel,
  storedModel,
} from '../../src/model/modelChoice';
import { memoryStorage } from '../memoryStorage';

const entry = (id: string, name: string, measured: Partial<CatalogEntry['measured']> = {}) => ({
  id,
  name,
  modelUrl: `${id}/model.json`,
  files: [`${id}/model.json`, `${id}/w.bin`],
  bytes: id === 'dense' ? 2_700_000 : 57_816,
  inputSize: 28,
  classes: 10,
  measured: { mnistTestAccuracy: 0.99, penAccuracy: 0.98, params: 5, weightBytes: 5, ...measured },
  createdAt: '2026-01-01T00:00:00Z',
});

const { catalog } = readCatalog({
  format: 'digitpad-model-catalog',
  version: 1,
  defaultModel: 'cnn',
  models: [entry('cnn', 'CNN', { unipenAccuracy: 0.9781 }), entry('dense', 'Dense', { penAccuracy: 0.9 })],
});

const refused = (): Storage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('which model the page runs', () => {
  it.each([
    ['nothing asked: the default', { queried: null, stored: null }, 'cnn', null],
    ['the device remembers Dense', { queried: null, stored: 'dense' }, 'dense', null],
    ['a link asks for Dense over the device’s CNN', { queried: 'dense', stored: 'cnn' }, 'dense', null],
    ['a retired model remembered: the default, silently', { queried: null, stored: 'old' }, 'cnn', null],
    [
      'a link names an unknown model: the default, and says so',
      { queried: 'nope', stored: 'dense' },
      'cnn',
      'There is no model "nope" here; using CNN, the default.',
    ],
  ])('%s', (_case, request, id, notice) => {
    const chosen = resolveChoice(catalog, request);
    expect(chosen.entry.id).toBe(id);
    expect(chosen.notice).toBe(notice);
  });

  it.each([
    ['', null],
    ['?model=dense', 'dense'],
    ['?backend=wasm&model=cnn-large', 'cnn-large'],
    ['?model=', null],
  ])('reads ?model= from %j', (search, id) => expect(queriedModel(search)).toBe(id));
});

describe('the remembered choice', () => {
  it('is kept and read back', () => {
    const storage = memoryStorage();
    expect(storeModel(() => storage, 'dense')).toBe(true);
    expect(storage.getItem(MODEL_STORAGE_KEY)).toBe('dense');
    expect(storedModel(() => storage)).toBe('dense');
  });

  it('storage refused: nothing remembered, nothing thrown', () => {
    expect(storeModel(refused, 'dense')).toBe(false);
    expect(storedModel(refused)).toBeNull();
  });
});

describe('what an option says', () => {
  it.each([
    ['CNN · 98.0% pen, 97.8% UNIPEN · 56 KB', catalog.models[0]],
    ['Dense · 90.0% pen · 2.6 MB', catalog.models[1]],
  ])('%s', (label, model) => expect(optionLabel(model)).toBe(label));
});
