// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { createClassifier, type Classifier } from '../../src/model/classifier';
import { DIGITS_ONLY } from '../../src/model/modelSource';
import { detectInputDevice, padHint } from '../../src/pad/padHint';
import { strokesToModelInput } from '../../src/recognition/modelInput';
import { drawStroke, firePointer } from './pointer';

vi.mock('../../src/model/classifier', () => ({ createClassifier: vi.fn() }));

// jsdom cannot rasterise: the stand-in encodes the stroke count, and the classifier answers
// "the digit is the number of strokes", so a result tells which drawing it came from.
vi.mock('../../src/recognition/modelInput', () => import('./strokeCountRaster'));

const classifier: Classifier = {
  backend: 'cpu',
  outputs: DIGITS_ONLY,
  classify: vi.fn(async (input: Float32Array) =>
    Float32Array.from({ length: 10 }, (_, i) => (i === input[0] % 10 ? 0.91 : 0.01)),
  ),
  classifyBatch: vi.fn(async (inputs: readonly Float32Array[]) =>
    Promise.all(inputs.map((input) => classifier.classify(input))),
  ),
  classifyWithFeatures: vi.fn(async (inputs: readonly Float32Array[]) =>
    Promise.all(
      inputs.map(async (input) => ({
        outputs: await classifier.classify(input),
        features: input.slice(0, 8),
      })),
    ),
  ),
  handOver: vi.fn(async () => {}),
  activations: vi.fn(async () => []),
  dispose: vi.fn(),
};

const pad = () => screen.getByRole('img', { name: 'Drawing pad' });
const button = (name: string) => screen.getByRole('button', { name });
const prediction = () => screen.getByTestId('prediction');

async function expectStrokes(count: number) {
  await waitFor(() => expect(prediction()).toHaveAttribute('data-strokes', String(count)));
  expect(prediction()).toHaveAttribute('data-digit', count === 0 ? '' : String(count));
}

async function renderWithTwoStrokes() {
  vi.mocked(createClassifier).mockResolvedValue(classifier);
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('model-status')).toHaveAttribute('data-state', 'ready'));
  // Two crossing strokes: one digit of two strokes, not two digits.
  drawStroke(pad(), [
    [20, 30],
    [60, 120],
  ]);
  drawStroke(pad(), [
    [60, 30],
    [20, 120],
  ]);
  await expectStrokes(2);
}

/** Which of Undo, Clear and Redo are enabled. */
const enabled = () => ['Undo', 'Clear', 'Redo'].filter((name) => !button(name).hasAttribute('disabled'));

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ x: 0, y: 0, width: 300, height: 300 }),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Undo, Clear and Redo', () => {
  it('disables each button when it would do nothing', async () => {
    vi.mocked(createClassifier).mockResolvedValue(classifier);
    render(<App />);
    expect(enabled()).toEqual([]);
    drawStroke(pad(), [
      [20, 30],
      [20, 120],
    ]);
    await expectStrokes(1);
    expect(enabled()).toEqual(['Undo', 'Clear']);
    await userEvent.click(button('Undo'));
    await expectStrokes(0);
    expect(enabled()).toEqual(['Redo']);
  });

  it('brings a cleared drawing back with Undo, and clears it again with Redo', async () => {
    await renderWithTwoStrokes();
    expect(enabled()).toEqual(['Undo', 'Clear']);
    await userEvent.click(button('Clear'));
    await expectStrokes(0);
    expect(enabled()).toEqual(['Undo']);
    await userEvent.click(button('Undo'));
    await expectStrokes(2);
    expect(enabled()).toEqual(['Undo', 'Clear', 'Redo']);
    await userEvent.click(button('Redo'));
    await expectStrokes(0);
  });

  it.each([
    ['Escape then Ctrl+Z', '{Escape}', '{Control>}z{/Control}', 2],
    ['Ctrl+Z then Ctrl+Shift+Z', '{Control>}z{/Control}', '{Control>}{Shift>}z{/Shift}{/Control}', 2],
    ['Ctrl+Z then Ctrl+Y', '{Control>}z{/Control}', '{Control>}y{/Control}', 2],
    ['Cmd+Z then Cmd+Shift+Z', '{Meta>}z{/Meta}', '{Meta>}{Shift>}z{/Shift}{/Meta}', 2],
    ['Delete then Cmd+Z', '{Delete}', '{Meta>}z{/Meta}', 2],
  ])('%s gets back to the drawing', async (_name, first, second, strokes) => {
    await renderWithTwoStrokes();
    await userEvent.keyboard(first);
    await expectStrokes(first.includes('z') ? 1 : 0);
    await userEvent.keyboard(second);
    await expectStrokes(strokes);
  });

  it('lets go of a focused button when drawing starts, so no focus ring stays on it', async () => {
    await renderWithTwoStrokes();
    // Undo stays enabled after a clear (it brings the drawing back), so it keeps the focus.
    button('Undo').focus();
    await userEvent.keyboard('{Escape}');
    await expectStrokes(0);
    expect(button('Undo')).toHaveFocus();
    firePointer('pointerdown', pad(), [40, 40]);
    expect(document.body).toHaveFocus();
  });
});

describe('a palm and a pen', () => {
  it('draws the pen stroke, not the palm that landed first', async () => {
    vi.mocked(createClassifier).mockResolvedValue(classifier);
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('model-status')).toHaveAttribute('data-state', 'ready'));
    const palm = { pointerId: 7, pointerType: 'touch' } as const;
    const pen = { pointerId: 8, pointerType: 'pen' } as const;
    firePointer('pointerdown', pad(), [250, 250], palm);
    firePointer('pointermove', pad(), [255, 260], palm);
    firePointer('pointerdown', pad(), [100, 50], pen);
    firePointer('pointermove', pad(), [255, 270], palm);
    firePointer('pointermove', pad(), [100, 150], pen);
    firePointer('pointerup', pad(), [100, 150], pen);
    firePointer('pointerup', pad(), [255, 270], palm);
    await expectStrokes(1);
    const read = vi.mocked(strokesToModelInput).mock.lastCall?.[0] ?? [];
    expect(read.map((stroke) => stroke.map(({ x, y }) => [x, y]))).toEqual([
      [
        [100, 50],
        [100, 150],
      ],
    ]);
  });
});

describe('the hint under the pad', () => {
  it.each([
    [{ keyboard: true, mac: false }, /Ctrl\+Z undoes, Ctrl\+Y redoes, Esc clears/],
    [{ keyboard: true, mac: true }, /Cmd\+Z undoes, Cmd\+Shift\+Z redoes, Esc clears/],
    [
      { keyboard: false, mac: false },
      /^Draw a digit or a whole number, with a finger or a pen\. Nothing leaves/,
    ],
    [
      { keyboard: false, mac: true },
      /^Draw a digit or a whole number, with a finger or a pen\. Nothing leaves/,
    ],
  ])('for %j reads %s', (device, text) => {
    expect(padHint(device)).toMatch(text);
    if (!device.keyboard) expect(padHint(device)).not.toMatch(/Ctrl|Cmd|Esc/);
  });

  it.each([
    ['a phone', false, 'iPhone', undefined, { keyboard: false, mac: true }],
    ['an Android phone', false, 'Linux armv8l', 'Android', { keyboard: false, mac: false }],
    ['a Mac', true, 'MacIntel', undefined, { keyboard: true, mac: true }],
    ['a Windows laptop', true, 'Win32', 'Windows', { keyboard: true, mac: false }],
  ])('detects %s', (_name, finePointer, platform, uaPlatform, expected) => {
    const clues = {
      matchMedia: () => ({ matches: finePointer }),
      navigator: { platform, userAgentData: uaPlatform === undefined ? undefined : { platform: uaPlatform } },
    };
    expect(detectInputDevice(clues)).toEqual(expected);
  });
});
