// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { createClassifier, type Classifier, type ClassifierOptions } from '../../src/model/classifier';
import { MODEL_STORAGE_KEY } from '../../src/model/modelChoice';
import { createAppServices } from '../../src/services';
import { drawStroke } from './pointer';
import { memoryStorage } from '../memoryStorage';

vi.mock('../../src/model/classifier', () => ({ createClassifier: vi.fn() }));

// jsdom cannot rasterise: the stand-in input only says how many strokes there are.
vi.mock('../../src/recognition/modelInput', () => import('./strokeCountRaster'));

/**
 * The picker, `?model=` and the remembered choice, through the app's own services and a served
 * catalog: only the classifier is a stand-in, and each model answers its own digit.
 */
const PAGE = 'https://digitpad.test/';
const CNN = join(__dirname, '../../public/models/cnn');
const committed = JSON.parse(readFileSync(join(CNN, '../index.json'), 'utf8'));
/** The committed default's entry, with figures fixed here so the labels below do not follow each retraining. */
const cnnEntry = {
  ...committed.models[0],
  measured: { ...committed.models[0].measured, penAccuracy: 0.9809, unipenAccuracy: 0.9782 },
};
const entry = (id: string, name: string) => ({
  ...cnnEntry,
  id,
  name,
  modelUrl: `${id}/model.json`,
  files: [`${id}/model.json`, `${id}/group1-shard1of1.bin`],
});
/** The digit each model answers, whatever is drawn. */
const ANSWERS: Record<string, number> = { cnn: 7, dense: 3, large: 5 };

function catalogJson(models: unknown[]) {
  return JSON.stringify({ ...committed, models });
}

/** Serves the catalog, and the committed model's files for every model folder. */
function serve(catalog: string) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: RequestInfo | URL) => {
      const path = String(url).replace(`${PAGE}models/`, '');
      asked.push(path);
      if (path === 'index.json') return new Response(catalog);
      const file = path.split('/').at(-1)!;
      return new Response(readFileSync(join(CNN, file)));
    }),
  );
  return asked;
}

function peaked(digit: number): Float32Array {
  const outputs = Float32Array.from({ length: 11 }, () => 0.01);
  outputs[digit] = 0.9;
  return outputs;
}

/** A stand-in classifier that loads its model through the app's source, and answers that model's digit. */
function loadsThroughSource() {
  vi.mocked(createClassifier).mockImplementation(async (options: ClassifierOptions) => {
    const { outputs, entry: chosen } = (await options.source()) as Awaited<
      ReturnType<ClassifierOptions['source']>
    > & {
      entry: { id: string };
    };
    const answer = async () => peaked(ANSWERS[chosen.id]);
    const classifier: Classifier = {
      backend: 'cpu',
      outputs,
      classify: vi.fn(answer),
      classifyBatch: vi.fn(async (inputs) => Promise.all(inputs.map(answer))),
      classifyWithFeatures: vi.fn(async (inputs) =>
        Promise.all(inputs.map(async () => ({ outputs: await answer(), features: new Float32Array(4) }))),
      ),
      activations: vi.fn(async () => []),
      handOver: vi.fn(async () => {}),
      dispose: vi.fn(),
    };
    return classifier;
  });
}

function renderApp(search = '', storage: Storage | (() => never) = memoryStorage()) {
  const page = {
    fetch: globalThis.fetch,
    location: { search },
    document: { baseURI: PAGE },
    navigator: {},
    get localStorage() {
      return typeof storage === 'function' ? storage() : storage;
    },
  } as unknown as Window;
  const services = createAppServices(page);
  render(<App services={services} />);
}

const picker = () => screen.getByRole('combobox', { name: 'Model' });
const status = () => screen.getByTestId('model-status');
const prediction = () => screen.getByTestId('prediction');

async function readyWith(id: string) {
  await waitFor(() => expect(status()).toHaveAttribute('data-model', id), { timeout: 5000 });
  expect(status()).toHaveAttribute('data-state', 'ready');
}

beforeEach(() => {
  vi.mocked(createClassifier).mockReset();
  loadsThroughSource();
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ x: 0, y: 0, width: 300, height: 300 }),
  );
  vi.spyOn(window.localStorage, 'setItem');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the model picker', () => {
  it('lists every catalog model with its accuracy on real handwriting and its size', async () => {
    serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    renderApp();
    await readyWith('cnn');
    const options = within(picker()).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'CNN · 98.1% pen, 97.8% UNIPEN · 56 KB',
      'Dense · 98.1% pen, 97.8% UNIPEN · 56 KB',
    ]);
    expect(picker()).toHaveValue('cnn');
  });

  it('loads only the default model until another is chosen', async () => {
    const asked = serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    renderApp();
    await readyWith('cnn');
    expect(asked.some((path) => path.startsWith('dense/'))).toBe(false);
  });

  it('switches: the drawing stays and the new model reads it; the choice is kept for the next visit', async () => {
    const asked = serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    const storage = memoryStorage();
    renderApp('', storage);
    await readyWith('cnn');
    const pad = screen.getByRole('img', { name: 'Drawing pad' });
    drawStroke(pad, [
      [50, 50],
      [60, 150],
    ]);
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '7'));

    await userEvent.selectOptions(picker(), 'dense');
    await readyWith('dense');
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '3'));
    expect(prediction()).toHaveAttribute('data-strokes', '1');
    expect(asked).toContain('dense/model.json');
    expect(storage.getItem(MODEL_STORAGE_KEY)).toBe('dense');

    cleanup(); // the page closes; the next visit opens with what was chosen
    renderApp('', storage);
    await readyWith('dense');
  });

  it('?model= selects a model, over the one remembered', async () => {
    serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    const storage = memoryStorage();
    storage.setItem(MODEL_STORAGE_KEY, 'cnn');
    renderApp('?model=dense', storage);
    await readyWith('dense');
    expect(picker()).toHaveValue('dense');
  });

  it('?model= naming an unknown model says so, and the default is used', async () => {
    serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    renderApp('?model=nope');
    await readyWith('cnn');
    expect(status()).toHaveTextContent('There is no model "nope" here; using CNN, the default.');
    expect(picker()).toHaveValue('cnn');
  });

  it('works when the browser refuses storage: the choice lasts as long as the page', async () => {
    serve(catalogJson([cnnEntry, entry('dense', 'Dense')]));
    renderApp('', () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    await readyWith('cnn');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await userEvent.selectOptions(picker(), 'dense');
    await readyWith('dense');
  });

  it('a bad catalog entry is named in the Models panel, and the other models still work', async () => {
    const bad = { ...entry('broken', 'Broken'), bytes: 'lots' };
    serve(catalogJson([cnnEntry, bad, entry('large', 'Large')]));
    renderApp();
    await readyWith('cnn');
    expect(
      within(picker())
        .getAllByRole('option')
        .map((option) => (option as HTMLOptionElement).value),
    ).toEqual(['cnn', 'large']);
    expect(screen.getByText('model "broken" has no byte size')).toBeInTheDocument();
    await userEvent.selectOptions(picker(), 'large');
    await readyWith('large');
  });
});
