// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AboutPanel } from '../../src/components/AboutPanel';
import { ProbabilityChart } from '../../src/components/ProbabilityChart';
import { judge, NO_VERDICT } from '../../src/recognition/verdict';

const bars = () => within(screen.getByTestId('probabilities')).getAllByRole('listitem');
const shownLabels = () =>
  Array.from(document.querySelectorAll('.bar-value:not(.visually-hidden)'), (label) => label.textContent);

describe('the chart', () => {
  it('on a blank pad shows empty bars and says what they will show, not ten "10%"', () => {
    render(<ProbabilityChart verdict={NO_VERDICT} />);
    expect(screen.getByText(/the bars will show how sure the model is/)).toBeVisible();
    expect(shownLabels()).toEqual([]);
    // Screen readers hear the digits alone; the data keeps its sum of 1 for the contract.
    for (const [digit, bar] of bars().entries()) {
      expect(bar.querySelector('[aria-hidden="true"].bar-value')).not.toBeNull();
      expect(bar.dataset.probability).toBe('0.1');
      expect(bar.querySelector<HTMLElement>('.bar-fill')?.style.transform).toBe('scaleY(0)');
      expect(bar).toHaveTextContent(`${digit}: 10%`);
    }
  });

  it('with an answer shows the labels of 1% and more, and reads every bar as "7: 93%"', () => {
    const probabilities = Float32Array.from([0, 0.001, 0.003, 0, 0, 0, 0, 0.93, 0.06, 0.006]);
    render(<ProbabilityChart verdict={judge({ outputs: probabilities, ink: 'readable' })} />);
    expect(screen.queryByText(/the bars will show/)).toBeNull();
    expect(shownLabels()).toEqual(['93%', '6%', '1%']);
    expect(bars()[7]).toHaveTextContent('7: 93%');
    expect(bars()[2]).toHaveTextContent('2: 0%');
    expect(document.querySelectorAll('[aria-hidden="true"].bar-value')).toHaveLength(0);
  });

  // An eleven-output model: 0.7 of its belief on "not a digit", the rest mostly on 4.
  const letterA = Float32Array.from([0, 0, 0, 0, 0.27, 0, 0, 0, 0, 0.03, 0.7]);
  const notDigit = { output: 10, threshold: 0.5 };

  it.each([
    [
      'the model says it is not a digit',
      'readable',
      /Not a digit: the bars only say which digit it looks most like/,
    ],
    ['the ink is too small to read', 'too-small', /Too small to read/],
  ] as const)('when %s, shows the ten digits faded, none marked, and says why', (_name, ink, why) => {
    render(<ProbabilityChart verdict={judge({ outputs: letterA, ink }, notDigit)} />);
    expect(screen.getByText(why)).toBeVisible();
    expect(document.querySelector('.chart-area')).toHaveClass('chart-not-digit');
    expect(document.querySelector('.bar-top')).toBeNull();
    // No value shown over a bar, as an answer would be; every bar still read, over the ten digits.
    expect(shownLabels()).toEqual([]);
    expect(bars()).toHaveLength(10);
    expect(bars()[4]).toHaveTextContent('4: 90%');
    expect(document.querySelectorAll('[aria-hidden="true"].bar-value')).toHaveLength(0);
    const total = bars().reduce((sum, bar) => sum + Number(bar.dataset.probability), 0);
    expect(total).toBeCloseTo(1, 6);
  });
});

describe('the About panel', () => {
  it('opens on a press and tells how it works, the backend and whose data taught the model', async () => {
    render(<AboutPanel backend="wasm" mac={false} afterFirstAnswer />);
    const about = screen.getByText('About');
    expect(await screen.findByText('How it works')).not.toBeVisible();
    await userEvent.click(about);
    expect(screen.getByText('How it works')).toBeVisible();
    expect(screen.getByTestId('backend')).toHaveTextContent(/^wasm$/);
    expect(screen.getByRole('link', { name: /MNIST database/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/^https:/),
    );
    expect(screen.getByRole('link', { name: /Pen-Based Recognition/ })).toHaveAttribute(
      'href',
      'https://doi.org/10.24432/C5MG6K',
    );
    expect(screen.getByRole('link', { name: /UNIPEN project/ })).toHaveAttribute(
      'href',
      'https://doi.org/10.5281/zenodo.1195803',
    );
    expect(screen.getByText(/Ctrl\+Z undoes, Ctrl\+Y redoes/)).toBeVisible();
  });

  it("names a Mac's keys on a Mac", async () => {
    render(<AboutPanel backend="" mac afterFirstAnswer />);
    expect(await screen.findByText(/Cmd\+Z undoes, Cmd\+Shift\+Z redoes/)).toBeInTheDocument();
  });

  it('opened before the first answer, fetches its text then; the backend is named all along', async () => {
    render(<AboutPanel backend="cpu" mac={false} afterFirstAnswer={false} />);
    expect(screen.getByTestId('backend')).toHaveTextContent(/^cpu$/);
    expect(screen.queryByText('How it works')).toBeNull();
    await userEvent.click(screen.getByText('About'));
    expect(await screen.findByText('How it works')).toBeVisible();
    expect(screen.getByTestId('backend')).toHaveTextContent(/^cpu$/);
  });
});
