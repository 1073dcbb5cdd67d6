// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PredictionPanel } from '../../src/components/PredictionPanel';
import { ProbabilityChart } from '../../src/components/ProbabilityChart';
import { useShownDigit } from '../../src/hooks/useShownDigit';
import type { Reading, Recognition } from '../../src/recognition/recognise';
import { judge, NO_VERDICT } from '../../src/recognition/verdict';

const NOT_DIGIT = { output: 10, threshold: 0.5 };

/** A reading of `digit` at `confidence`, or not a digit; its input marks which reading it is. */
function reading(digit: number, confidence: number, notDigit = false, marker = digit): Reading {
  const outputs = Float32Array.from({ length: 11 }, (_, i) =>
    i === 10
      ? notDigit
        ? 0.9
        : 0
      : (i === digit ? confidence : (1 - confidence) / 9) * (notDigit ? 0.1 : 1),
  );
  const input = new Float32Array(784);
  input[0] = marker;
  return { input, outputs, ink: 'readable', verdict: judge({ outputs, ink: 'readable' }, NOT_DIGIT) };
}

const recognitionOf = (...readings: Reading[]): Recognition => ({ strokes: readings.length, readings });

/** The panel and the chart as the page wires them: the chart shows the digit shown. */
function Page({ recognition }: { readonly recognition: Recognition }) {
  const [shown, show] = useShownDigit(recognition);
  return (
    <>
      <PredictionPanel recognition={recognition} drawing={false} shown={shown} onShow={show} />
      <ProbabilityChart verdict={recognition.readings[shown]?.verdict ?? NO_VERDICT} />
    </>
  );
}

const prediction = () => screen.getByTestId('prediction');
/** The contract's children: one per digit, whatever their role (options in a number). */
const digits = () => Array.from(screen.getByTestId('digits').children) as HTMLElement[];
const topBar = () => document.querySelector<HTMLElement>('.bar-top')?.dataset.digit;

describe('a number on the pad', () => {
  it('reads left to right, each digit with its own confidence and verdict', () => {
    render(
      <Page
        recognition={recognitionOf(reading(2, 0.99), reading(0, 0.97), reading(2, 0.9), reading(6, 0.98))}
      />,
    );
    expect(prediction()).toHaveAttribute('data-number', '2026');
    expect(prediction()).toHaveAttribute('data-digit', '');
    expect(prediction()).toHaveAttribute('data-verdict', 'digit');
    expect(digits().map((d) => d.dataset.digit)).toEqual(['2', '0', '2', '6']);
    expect(digits().map((d) => d.dataset.verdict)).toEqual(['digit', 'digit', 'digit', 'digit']);
    expect(Number(digits()[2].dataset.confidence)).toBeCloseTo(0.9, 5);
    expect(screen.getByText('4 digits, the least sure 90%')).toBeVisible();
  });

  it('shows the least certain digit by default, and the one chosen by a click', async () => {
    render(<Page recognition={recognitionOf(reading(1, 0.99), reading(7, 0.55), reading(3, 0.9))} />);
    expect(screen.getByRole('option', { selected: true })).toHaveAccessibleName('7 or 0, not sure');
    expect(topBar()).toBe('7');
    expect(prediction()).toHaveAttribute('data-verdict', 'unsure');
    expect(screen.getByText('Not sure of the second: 7 or 0?')).toBeVisible();
    await userEvent.click(screen.getByRole('option', { name: '3, 90% sure' }));
    expect(topBar()).toBe('3');
  });

  it('moves the choice with the arrow keys, Home and End, focus following', async () => {
    render(<Page recognition={recognitionOf(reading(4, 0.9), reading(2, 0.99), reading(8, 0.95))} />);
    const selected = () => screen.getByRole('option', { selected: true });
    expect(selected()).toHaveAccessibleName('4, 90% sure');
    await userEvent.tab();
    expect(selected()).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(selected()).toHaveAccessibleName('2, 99% sure');
    expect(selected()).toHaveFocus();
    expect(topBar()).toBe('2');
    await userEvent.keyboard('{End}');
    expect(selected()).toHaveAccessibleName('8, 95% sure');
    await userEvent.keyboard('{ArrowRight}'); // stays at the end
    expect(selected()).toHaveAccessibleName('8, 95% sure');
    await userEvent.keyboard('{Home}{ArrowLeft}');
    expect(selected()).toHaveAccessibleName('4, 90% sure');
  });

  it('names a part that is not a digit, and calls the whole so', () => {
    render(<Page recognition={recognitionOf(reading(1, 0.99), reading(5, 0.8, true))} />);
    expect(prediction()).toHaveAttribute('data-verdict', 'not-digit');
    expect(digits()[1]).toHaveAttribute('data-verdict', 'not-digit');
    expect(screen.getByText("The second doesn't look like a digit")).toBeVisible();
  });

  it('with one digit looks as before, the digits list holding that one digit out of sight', () => {
    render(<Page recognition={recognitionOf(reading(7, 0.93))} />);
    expect(prediction()).toHaveAttribute('data-number', '7');
    expect(prediction()).toHaveAttribute('data-digit', '7');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(digits()).toHaveLength(1);
    expect(digits()[0]).toHaveAttribute('data-verdict', 'digit');
    expect(screen.getByText('93% sure')).toBeVisible();
  });

  it('on a blank pad holds no number and no digits', () => {
    render(<Page recognition={recognitionOf()} />);
    expect(prediction()).toHaveAttribute('data-number', '');
    expect(prediction()).toHaveAttribute('data-verdict', '');
    expect(digits()).toEqual([]);
  });
});
