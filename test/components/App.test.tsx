// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { createClassifier, type Classifier } from '../../src/model/classifier';
import { ModelError } from '../../src/model/errors';
import { DIGITS_ONLY, type ModelOutputs } from '../../src/model/modelSource';
import { strokesToModelInput } from '../../src/recognition/modelInput';
import { drawStroke, fireCoalescedMove, firePointer } from './pointer';

vi.mock('../../src/model/classifier', () => ({ createClassifier: vi.fn() }));

// jsdom cannot rasterise. The stand-in encodes the stroke count in the input, so the fake
// classifier below can answer "the digit is the number of strokes" and tests can tell which
// drawing a result came from.
vi.mock('../../src/recognition/modelInput', () => import('./strokeCountRaster'));

const PAD_RECT = { left: 10, top: 20, width: 300, height: 300 };

/** Probability `top` for one digit, the rest shared equally. */
function peaked(digit: number, top = 0.9): Float32Array {
  return Float32Array.from({ length: 10 }, (_, i) => (i === digit ? top : (1 - top) / 9));
}

function fakeClassifier(
  answer: (input: Float32Array) => Float32Array = (input) => peaked(input[0] % 10),
  outputs: ModelOutputs = DIGITS_ONLY,
): Classifier {
  const classify = vi.fn(async (input: Float32Array) => answer(input));
  return {
    backend: 'cpu',
    outputs,
    classify,
    // One model call for several inputs, answered through `classify` so tests can stub that one.
    classifyBatch: vi.fn(async (inputs: readonly Float32Array[]) => Promise.all(inputs.map(classify))),
    // The features are the stand-in input itself: drawings with as many strokes are neighbours.
    classifyWithFeatures: vi.fn(async (inputs: readonly Float32Array[]) =>
      Promise.all(
        inputs.map(async (input) => ({ outputs: await classify(input), features: input.slice(0, 8) })),
      ),
    ),
    handOver: vi.fn(async () => {}),
    activations: vi.fn(async () => []),
    dispose: vi.fn(),
  };
}

const pad = () => screen.getByRole('img', { name: 'Drawing pad' });
const prediction = () => screen.getByTestId('prediction');
const modelStatus = () => screen.getByTestId('model-status');

/** Client coordinates of a point on the pad given in pad CSS px. */
const at = (x: number, y: number) => [PAD_RECT.left + x, PAD_RECT.top + y] as const;

async function renderReadyApp(classifier = fakeClassifier()) {
  vi.mocked(createClassifier).mockResolvedValue(classifier);
  render(<App />);
  await waitFor(() => expect(modelStatus()).toHaveAttribute('data-state', 'ready'));
  return classifier;
}

async function expectStrokes(count: number, digit: string) {
  await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', String(count)));
  expect(prediction()).toHaveAttribute('data-digit', digit);
}

const lastRecognisedStrokes = () => vi.mocked(strokesToModelInput).mock.lastCall?.[0] ?? [];

beforeEach(() => {
  vi.mocked(createClassifier).mockReset();
  vi.mocked(strokesToModelInput).mockClear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ x: PAD_RECT.left, y: PAD_RECT.top, width: PAD_RECT.width, height: PAD_RECT.height }),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('model status', () => {
  it('shows loading until the classifier is ready, then the backend in use', async () => {
    let finishLoading: (classifier: Classifier) => void = () => {};
    vi.mocked(createClassifier).mockReturnValue(new Promise((resolve) => (finishLoading = resolve)));
    render(<App />);
    expect(modelStatus()).toHaveAttribute('data-state', 'loading');
    expect(screen.getByTestId('backend')).toHaveTextContent('');

    await act(async () => finishLoading(fakeClassifier()));
    expect(modelStatus()).toHaveAttribute('data-state', 'ready');
    expect(screen.getByTestId('backend')).toHaveTextContent('cpu');
  });

  it('says what failed and loads again on Retry', async () => {
    const message = 'Could not load the model: models/cnn/model.json returned 404';
    vi.mocked(createClassifier)
      .mockRejectedValueOnce(new ModelError('not-found', message))
      .mockResolvedValueOnce(fakeClassifier());
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(modelStatus()).toHaveAttribute('data-state', 'error');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(modelStatus()).toHaveAttribute('data-state', 'ready'));
    expect(createClassifier).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the hand-over to the best backend only once the first answer is shown', async () => {
    const classifier = await renderReadyApp();
    // The answer mid-stroke is not the first answer: the stroke is not finished.
    firePointer('pointerdown', pad(), at(50, 50));
    fireCoalescedMove(pad(), [at(50, 100)]);
    await waitFor(() => expect(classifier.classify).toHaveBeenCalled());
    expect(classifier.handOver).not.toHaveBeenCalled();

    firePointer('pointerup', pad(), at(50, 150));
    await expectStrokes(1, '1');
    await waitFor(() => expect(classifier.handOver).toHaveBeenCalledTimes(1));
  });

  it('turns a classifier that fails while in use into the error state', async () => {
    const classifier = fakeClassifier();
    vi.mocked(classifier.classify).mockRejectedValue(
      new ModelError('no-backend', 'The webgl backend stopped working'),
    );
    await renderReadyApp(classifier);

    drawStroke(pad(), [at(50, 50), at(50, 150)]);
    expect(await screen.findByRole('alert')).toHaveTextContent('The webgl backend stopped working');
    expect(modelStatus()).toHaveAttribute('data-state', 'error');
  });
});

describe('drawing', () => {
  it('starts blank: no prediction and no inference for an empty pad', async () => {
    const classifier = await renderReadyApp();
    expect(prediction()).toHaveAttribute('data-digit', '');
    expect(prediction()).toHaveAttribute('data-strokes', '0');
    expect(classifier.classify).not.toHaveBeenCalled();
  });

  it('records strokes in CSS pixels relative to the pad, whatever the pixel ratio', async () => {
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2);
    await renderReadyApp();

    firePointer('pointerdown', pad(), at(50, 60));
    fireCoalescedMove(pad(), [at(55, 70), at(60, 80), at(65, 90)]);
    firePointer('pointerup', pad(), at(65, 90));
    await expectStrokes(1, '1');

    expect(lastRecognisedStrokes()).toEqual([
      [
        { x: 50, y: 60 },
        { x: 55, y: 70 },
        { x: 60, y: 80 },
        { x: 65, y: 90 },
      ],
    ]);
    // The model's raster draws with a pen that follows the drawing's size: 0.13 of its 30 px
    // height, thinner than the pad's own (4.5% of the 300 px pad, 13.5 px).
    expect(vi.mocked(strokesToModelInput).mock.lastCall?.[1]).toBeCloseTo(0.13 * 30);
    // The backing store is sized in device pixels.
    expect(pad()).toHaveProperty('width', 600);
    expect(pad()).toHaveProperty('height', 600);
  });

  it('ignores a second pointer: it neither draws nor ends the stroke', async () => {
    await renderReadyApp();
    const finger = { pointerType: 'touch', pointerId: 1 } as const;
    const secondFinger = { pointerType: 'touch', pointerId: 2 } as const;

    firePointer('pointerdown', pad(), at(10, 10), finger);
    firePointer('pointerdown', pad(), at(200, 200), secondFinger);
    firePointer('pointermove', pad(), at(210, 210), secondFinger);
    firePointer('pointermove', pad(), at(20, 20), finger);
    firePointer('pointerup', pad(), at(210, 210), secondFinger);
    firePointer('pointermove', pad(), at(30, 30), finger);
    firePointer('pointerup', pad(), at(30, 30), finger);

    await expectStrokes(1, '1');
    expect(lastRecognisedStrokes()).toEqual([
      [
        { x: 10, y: 10 },
        { x: 20, y: 20 },
        { x: 30, y: 30 },
      ],
    ]);
  });

  it('keeps the stroke drawn so far when the pointer is cancelled, and ends it there', async () => {
    await renderReadyApp();
    firePointer('pointerdown', pad(), at(10, 10), { pointerType: 'pen' });
    firePointer('pointermove', pad(), at(40, 40), { pointerType: 'pen' });
    firePointer('pointercancel', pad(), at(40, 40), { pointerType: 'pen' });
    firePointer('pointermove', pad(), at(90, 90), { pointerType: 'pen' });

    await expectStrokes(1, '1');
    expect(lastRecognisedStrokes()).toEqual([
      [
        { x: 10, y: 10 },
        { x: 40, y: 40 },
      ],
    ]);
  });

  it('ignores the right mouse button', async () => {
    const classifier = await renderReadyApp();
    fireEvent(
      pad(),
      new PointerEvent('pointerdown', { bubbles: true, pointerId: 1, pointerType: 'mouse', button: 2 }),
    );
    firePointer('pointerup', pad(), at(10, 10));
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(prediction()).toHaveAttribute('data-strokes', '0');
    expect(classifier.classify).not.toHaveBeenCalled();
  });
});

describe('undo and clear', () => {
  async function drawThreeStrokes() {
    // Three crossing strokes: one digit of three strokes.
    drawStroke(pad(), [at(10, 10), at(90, 100)]);
    drawStroke(pad(), [at(20, 10), at(80, 100)]);
    drawStroke(pad(), [at(30, 10), at(70, 100)]);
    await expectStrokes(3, '3');
  }

  it('updates the prediction and data-strokes from the buttons', async () => {
    await renderReadyApp();
    await drawThreeStrokes();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await expectStrokes(2, '2');
    expect(lastRecognisedStrokes()).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await expectStrokes(0, '');
    expect(prediction()).toHaveTextContent('Draw a digit');
  });

  it('reads strokes far apart as a number, at most one model call per update; Undo takes the last digit off', async () => {
    const classifier = await renderReadyApp();
    for (const x of [20, 120, 220]) drawStroke(pad(), [at(x, 60), at(x + 5, 200)]);
    await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', '3'));
    expect(prediction()).toHaveAttribute('data-number', '111');
    expect(prediction()).toHaveAttribute('data-digit', '');
    expect(screen.getByRole('listbox', { name: 'Digits read, left to right' })).toBeVisible();
    const calls = vi.mocked(classifier.classifyWithFeatures).mock.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(prediction()).toHaveAttribute('data-number', '11'));
    // The digits left were read before: nothing new to read, or one call for a group not seen.
    expect(vi.mocked(classifier.classifyWithFeatures).mock.calls.length).toBeLessThanOrEqual(calls + 1);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(prediction()).toHaveAttribute('data-digit', '1'));
    expect(prediction()).toHaveAttribute('data-number', '1');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it.each([
    ['{Control>}z{/Control}', 'undo', 2],
    ['{Meta>}z{/Meta}', 'undo', 2],
    ['{Escape}', 'clear', 0],
    ['{Delete}', 'clear', 0],
  ])('%s does %s', async (keys, _action, strokesLeft) => {
    await renderReadyApp();
    await drawThreeStrokes();
    await userEvent.keyboard(keys);
    await expectStrokes(strokesLeft, strokesLeft === 0 ? '' : String(strokesLeft));
  });

  it('reaches both buttons with the keyboard', async () => {
    await renderReadyApp();
    await drawThreeStrokes();
    screen.getByRole('button', { name: 'Undo' }).focus();
    await userEvent.keyboard('{Enter}');
    await expectStrokes(2, '2');
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Clear' })).toHaveFocus();
    await userEvent.keyboard(' ');
    await expectStrokes(0, '');
  });
});

describe('results', () => {
  it('charts ten bars, 0 to 9, that sum to 100%, with the top class marked', async () => {
    await renderReadyApp();
    // Three crossing strokes: one digit of three strokes.
    drawStroke(pad(), [at(10, 10), at(90, 100)]);
    drawStroke(pad(), [at(20, 10), at(80, 100)]);
    drawStroke(pad(), [at(30, 10), at(70, 100)]);
    await expectStrokes(3, '3');

    const bars = within(screen.getByTestId('probabilities')).getAllByRole('listitem');
    expect(bars.map((bar) => bar.dataset.digit)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const total = bars.reduce((sum, bar) => sum + Number(bar.dataset.probability), 0);
    expect(total).toBeCloseTo(1, 2);
    expect(bars[3]).toHaveTextContent('3: 90%');
    expect(bars[3]).toHaveClass('bar-top');
    expect(Number(prediction().dataset.confidence)).toBeCloseTo(0.9, 6);
    expect(prediction()).toHaveAttribute('data-confidence', bars[3].dataset.probability);
    expect(prediction()).toHaveAttribute('data-verdict', 'digit');
    expect(prediction()).toHaveTextContent('90% sure');
  });

  it('keeps ten bars summing to 100% on a blank pad', async () => {
    await renderReadyApp();
    const bars = within(screen.getByTestId('probabilities')).getAllByRole('listitem');
    expect(bars).toHaveLength(10);
    expect(bars.reduce((sum, bar) => sum + Number(bar.dataset.probability), 0)).toBeCloseTo(1, 5);
  });

  it('says it is unsure, naming the two best candidates, when the top probability is low', async () => {
    const probabilities = Float32Array.from([0.02, 0.02, 0.02, 0.02, 0.45, 0.02, 0.02, 0.02, 0.02, 0.39]);
    await renderReadyApp(fakeClassifier(() => probabilities));
    drawStroke(pad(), [at(10, 10), at(10, 100)]);
    await expectStrokes(1, '4');
    expect(prediction()).toHaveTextContent('Not sure: 4 or 9?');
    expect(prediction()).toHaveAttribute('data-verdict', 'unsure');
  });
});

describe('not a digit', () => {
  const NOT_DIGIT_MODEL: ModelOutputs = { count: 11, notDigit: { output: 10, threshold: 0.5 } };
  /** An eleven-output answer: `notDigit` on "not a digit", the rest mostly on `digit`. */
  const eleven = (digit: number, notDigit: number) =>
    Float32Array.from({ length: 11 }, (_, i) =>
      i === 10 ? notDigit : (1 - notDigit) * (i === digit ? 0.91 : 0.01),
    );
  const liveRegion = () => document.querySelector('[aria-live="polite"]');
  const chartNote = () => document.querySelector('.chart-note');

  it('says so when the model scores it at or above its threshold, and keeps the top digit in data-digit', async () => {
    await renderReadyApp(fakeClassifier(() => eleven(4, 0.8), NOT_DIGIT_MODEL));
    drawStroke(pad(), [at(50, 50), at(150, 150), at(50, 150)]);
    await expectStrokes(1, '4');
    expect(prediction()).toHaveAttribute('data-verdict', 'not-digit');
    expect(prediction()).toHaveTextContent("That doesn't look like a digit");
    // No digit on show: the glyph is a dash, and the caption names none.
    expect(prediction().textContent).not.toMatch(/[0-9]/);
    expect(liveRegion()).toHaveTextContent("That doesn't look like a digit");
    expect(chartNote()).toHaveTextContent('Not a digit');
    const bars = within(screen.getByTestId('probabilities')).getAllByRole('listitem');
    expect(bars.reduce((sum, bar) => sum + Number(bar.dataset.probability), 0)).toBeCloseTo(1, 5);
    expect(bars[4]).toHaveTextContent('4: 91%');
    expect(prediction()).toHaveAttribute('data-confidence', bars[4].dataset.probability);
  });

  // Below the threshold the chart weighs the digits among themselves (4: 91%), and the caption
  // says how sure the page is that the ink is a 4 at all, what "not a digit" holds counted.
  it.each([
    ['reads it as a digit when "not a digit" holds a fifth', 0.2, 'digit', '73% sure'],
    [
      'is unsure between the digit and "not a digit" when it holds 35%',
      0.35,
      'unsure',
      'Not sure: 4 or not a digit?',
    ],
  ])('below its threshold, %s', async (_case, notDigit, verdict, caption) => {
    await renderReadyApp(fakeClassifier(() => eleven(4, notDigit), NOT_DIGIT_MODEL));
    drawStroke(pad(), [at(50, 50), at(150, 150), at(50, 150)]);
    await expectStrokes(1, '4');
    expect(prediction()).toHaveAttribute('data-verdict', verdict);
    expect(prediction()).toHaveTextContent(caption);
    expect(chartNote()).toBeNull();
  });

  it.each([
    ['an eleven-output model', NOT_DIGIT_MODEL],
    ['a ten-output model', DIGITS_ONLY],
  ])('calls a dot too small to read, with %s', async (_name, outputs) => {
    await renderReadyApp(fakeClassifier(() => eleven(0, 0).subarray(0, outputs.count), outputs));
    firePointer('pointerdown', pad(), at(100, 100));
    firePointer('pointerup', pad(), at(100, 100));
    await expectStrokes(1, '0');
    expect(prediction()).toHaveAttribute('data-verdict', 'not-digit');
    expect(prediction()).toHaveTextContent('Too small to read: draw bigger');
    expect(liveRegion()).toHaveTextContent('Too small to read: draw bigger');
    expect(chartNote()).toHaveTextContent('Too small to read');
  });

  it('is said of a line lying across the pad, even by a model sure of a digit and unable to say it', async () => {
    await renderReadyApp(fakeClassifier(() => peaked(1, 0.99)));
    drawStroke(pad(), [at(30, 100), at(170, 110)]);
    await expectStrokes(1, '1');
    expect(prediction()).toHaveAttribute('data-verdict', 'not-digit');
    expect(prediction()).toHaveTextContent("That doesn't look like a digit");
  });

  it('is never said for a readable drawing by a ten-output model, however unsure it is', async () => {
    // Whatever a ten-output model answers, even an eleventh value, there is no score to say it with.
    const answers = [peaked(7, 0.99), peaked(7, 0.3), Float32Array.from([...peaked(2, 0.5), 0.99])];
    for (const answer of answers) {
      await renderReadyApp(fakeClassifier(() => answer));
      drawStroke(pad(), [at(50, 50), at(150, 50), at(90, 150)]);
      await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', '1'));
      expect(prediction().dataset.verdict).toMatch(/^(digit|unsure)$/);
      cleanup();
    }
  });

  it('is empty on a blank pad, before drawing and after Clear', async () => {
    await renderReadyApp(fakeClassifier(() => eleven(4, 0.8), NOT_DIGIT_MODEL));
    expect(prediction()).toHaveAttribute('data-verdict', '');
    drawStroke(pad(), [at(50, 50), at(150, 150)]);
    await waitFor(() => expect(prediction()).toHaveAttribute('data-verdict', 'not-digit'));
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await expectStrokes(0, '');
    expect(prediction()).toHaveAttribute('data-verdict', '');
    expect(prediction()).toHaveTextContent('Draw a digit');
  });
});
