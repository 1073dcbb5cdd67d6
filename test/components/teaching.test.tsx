// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { createClassifier, type Classifier } from '../../src/model/classifier';
import { DIGITS_ONLY, type ModelOutputs } from '../../src/model/modelSource';
import { drawStroke } from './pointer';

// IndexedDB, the model stand-in and React all take turns here: on a busy machine that is over a second.
configure({ asyncUtilTimeout: 5000 });

vi.mock('../../src/model/classifier', () => ({ createClassifier: vi.fn() }));
// jsdom cannot rasterise: the stand-in input holds the stroke count, and the fake model reads it.
vi.mock('../../src/recognition/modelInput', () => import('./strokeCountRaster'));

/** A model that also scores "not a digit", at the index and threshold a catalog entry gives. */
const SAYS_NOT_DIGIT = { count: 11, notDigit: { output: 10, threshold: 0.5 } };

/**
 * Answers "the number of strokes" at 0.9; its features tell drawings of different stroke counts
 * apart. With `SAYS_NOT_DIGIT` it calls every drawing not a digit instead (0.9 on the 11th output).
 */
function strokeCounter(modelOutputs: ModelOutputs = DIGITS_ONLY): Classifier {
  const notDigit = modelOutputs.count > 10;
  const outputs = (input: Float32Array) =>
    Float32Array.from({ length: modelOutputs.count }, (_, i) =>
      i === (notDigit ? 10 : input[0] % 10) ? 0.9 : 0.01,
    );
  const features = (input: Float32Array) =>
    Float32Array.from({ length: 8 }, (_, i) => (i === input[0] % 8 ? 1 : 0));
  return {
    backend: 'cpu',
    outputs: modelOutputs,
    classify: vi.fn(async (input: Float32Array) => outputs(input)),
    classifyBatch: vi.fn(async (inputs: readonly Float32Array[]) => inputs.map(outputs)),
    classifyWithFeatures: vi.fn(async (inputs: readonly Float32Array[]) =>
      inputs.map((input) => ({ outputs: outputs(input), features: features(input) })),
    ),
    handOver: vi.fn(async () => {}),
    activations: vi.fn(async () => []),
    dispose: vi.fn(),
  };
}

const pad = () => screen.getByRole('img', { name: 'Drawing pad' });
const prediction = () => screen.getByTestId('prediction');
const history = () => screen.getByTestId('history');
const score = () => screen.getByTestId('score');
const adaptBox = () => screen.getByRole('checkbox', { name: 'Adapt to my handwriting' });
const saved = () =>
  within(history())
    .queryAllByRole('listitem')
    .map((item) => [item.dataset.label, item.dataset.predicted]);

async function draw(strokes: number) {
  for (let i = 0; i < strokes; i++)
    // Crossing strokes: one digit of `strokes` strokes, not a number.
    drawStroke(pad(), [
      [20 + 8 * i, 30],
      [100 - 8 * i, 200],
    ]);
  await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', String(strokes)), {
    timeout: 5000,
  });
}

async function renderApp(classifier = strokeCounter()) {
  vi.mocked(createClassifier).mockResolvedValue(classifier);
  const view = render(<App />);
  await waitFor(() => expect(screen.getByTestId('model-status')).toHaveAttribute('data-state', 'ready'));
  await screen.findByText(/Kept on this device only/);
  return view;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh device for each test
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ x: 0, y: 0, width: 300, height: 300 }),
  );
});

afterEach(() => vi.restoreAllMocks());

describe('right or wrong, the history and the score', () => {
  it('saves with Correct, Enter, a digit key or a bar, clearing the pad each time', async () => {
    await renderApp();
    expect(screen.getByRole('button', { name: 'Correct' })).toBeDisabled();
    await draw(3);
    await userEvent.click(screen.getByRole('button', { name: 'Correct' }));
    await waitFor(() => expect(saved()).toEqual([['3', '3']]));
    expect(prediction()).toHaveAttribute('data-strokes', '0');
    await draw(2);
    fireEvent.keyDown(window, { key: '7' });
    await waitFor(() =>
      expect(saved()).toEqual([
        ['7', '2'],
        ['3', '3'],
      ]),
    );
    await draw(4);
    fireEvent.keyDown(window, { key: 'Enter' });
    await waitFor(() => expect(saved()).toHaveLength(3));
    await draw(5);
    await userEvent.click(
      within(screen.getByTestId('probabilities')).getByText('6', { selector: '.bar-digit' }),
    );
    await waitFor(() => expect(saved()[0]).toEqual(['6', '5']));
    expect(score()).toHaveAttribute('data-right', '2');
    expect(score()).toHaveAttribute('data-total', '4');
    expect(screen.getByText(/Right this visit/)).toHaveTextContent('2 of 4');
  });

  it('offers no Correct for "not a digit", which names no digit; a digit key still labels it', async () => {
    await renderApp(strokeCounter(SAYS_NOT_DIGIT));
    await draw(2);
    expect(prediction()).toHaveAttribute('data-verdict', 'not-digit');
    expect(screen.getByRole('button', { name: 'Correct' })).toBeDisabled();
    fireEvent.keyDown(window, { key: 'Enter' });
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(saved()).toEqual([]);
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(saved()).toHaveLength(1));
    expect(saved()[0][0]).toBe('2');
  });

  it('ignores digit keys on an empty pad and in a field', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: '4' });
    await draw(1);
    const select = document.createElement('select');
    document.body.append(select);
    fireEvent.keyDown(select, { key: '4' });
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(saved()).toEqual([]);
    select.remove();
  });

  it('keeps a digit drawn far out on a wide pad as one in the middle of a square, like every other', async () => {
    vi.mocked(HTMLCanvasElement.prototype.getBoundingClientRect).mockReturnValue(
      DOMRect.fromRect({ x: 0, y: 0, width: 900, height: 300 }),
    );
    await renderApp();
    drawStroke(pad(), [
      [780, 40],
      [860, 260],
    ]);
    await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', '1'));
    await userEvent.click(screen.getByRole('button', { name: 'Correct' }));
    await waitFor(() => expect(saved()).toHaveLength(1));
    const thumbnail = history().querySelector('svg');
    expect(thumbnail).toHaveAttribute('viewBox', '0 0 300 300');
    const xs = [
      ...(thumbnail
        ?.querySelector('path')
        ?.getAttribute('d')
        ?.matchAll(/[ML]([\d.]+) /g) ?? []),
    ].map((match) => Number(match[1]));
    expect(xs).toHaveLength(2);
    expect((xs[0] + xs[1]) / 2).toBeCloseTo(150);
  });

  it('relabels, deletes one and deletes all', async () => {
    await renderApp();
    await draw(3);
    fireEvent.keyDown(window, { key: '3' });
    await waitFor(() => expect(saved()).toHaveLength(1));
    await draw(2);
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(saved()).toHaveLength(2));
    const [newest] = within(history()).getAllByRole('listitem');
    await userEvent.selectOptions(within(newest).getByRole('combobox'), '9');
    expect(saved()[0]).toEqual(['9', '2']);
    expect(newest).toHaveTextContent('read as 2: wrong');
    expect(score()).toHaveAttribute('data-right', '1');
    await userEvent.click(within(newest).getByRole('button', { name: /Delete the drawing/ }));
    expect(saved()).toEqual([['3', '3']]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete all' }));
    expect(saved()).toEqual([]);
    expect(score()).toHaveAttribute('data-total', '0');
  });

  it('keeps the history, the score and the adaptation for the next visit', async () => {
    const first = await renderApp();
    await draw(2);
    fireEvent.keyDown(window, { key: '7' });
    await waitFor(() => expect(saved()).toHaveLength(1));
    await userEvent.click(adaptBox());
    await waitFor(() => expect(adaptBox()).not.toBeChecked());
    first.unmount();
    await renderApp();
    await waitFor(() => expect(saved()).toEqual([['7', '2']]));
    expect(score()).toHaveAttribute('data-total', '1');
    expect(adaptBox()).not.toBeChecked();
  });

  it('says the history is not kept when the browser refuses storage, and still works', async () => {
    // @ts-expect-error: a browser without IndexedDB (some private modes)
    delete globalThis.indexedDB;
    vi.mocked(createClassifier).mockResolvedValue(strokeCounter());
    render(<App />);
    await screen.findByText(/not keeping the history/);
    await draw(1);
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(saved()).toEqual([['1', '1']]));
  });
});

describe('adapting to the handwriting', () => {
  it('answers as taught once a drawing is labelled, on by default; off answers as the model does', async () => {
    await renderApp();
    expect(adaptBox()).not.toBeChecked();
    await draw(2);
    expect(prediction()).toHaveAttribute('data-digit', '2');
    fireEvent.keyDown(window, { key: '7' });
    await waitFor(() => expect(adaptBox()).toBeChecked());
    await draw(2);
    expect(prediction()).toHaveAttribute('data-digit', '7');
    await userEvent.click(adaptBox());
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '2'));
    await userEvent.click(adaptBox());
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '7'));
    await userEvent.click(screen.getByRole('button', { name: 'Forget my handwriting' }));
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '2'));
    expect(saved()).toHaveLength(1); // forgetting the handwriting keeps the history
  });
});

describe('export and import', () => {
  it('imports a pen-data file, and refuses a bad one naming the row, adding nothing', async () => {
    await renderApp();
    // Nothing drawn yet: the file tools come when the panel opens.
    await userEvent.click(document.querySelector('.history > summary')!);
    const input = (await screen.findByLabelText('Pen-data file to import')) as HTMLInputElement;
    const file = (text: string) => new File([text], 'drawings.json', { type: 'application/json' });
    const good = JSON.stringify([
      {
        label: 5,
        writer: 'me',
        strokes: [
          [
            [0, 0],
            [10, 40],
          ],
        ],
      },
    ]);
    fireEvent.change(input, { target: { files: [file(good)] } });
    await screen.findByText('Imported 1 drawing.');
    expect(saved()).toEqual([['5', '']]);
    const bad = JSON.stringify([
      { label: 5, writer: 'me', strokes: [[[0, 0]]] },
      { label: 'x', writer: 'me', strokes: [[[0, 0]]] },
    ]);
    fireEvent.change(input, { target: { files: [file(bad)] } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Nothing imported: row 2: label is "x", not a digit 0-9.',
    );
    expect(saved()).toHaveLength(1);
  });
});
