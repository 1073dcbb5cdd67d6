// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ModelStatus } from '../../src/components/ModelStatus';
import { ModelError } from '../../src/model/errors';
import { explainFailure } from '../../src/model/failureExplanation';

const failure = explainFailure(
  new ModelError('not-found', 'Could not load the model: models/cnn/model.json returned 404'),
  true,
);

describe('ModelStatus', () => {
  it('shows a progress bar while loading', () => {
    render(<ModelStatus state={{ status: 'loading' }} onRetry={() => {}} />);
    expect(screen.getByTestId('model-status')).toHaveAttribute('data-state', 'loading');
    expect(screen.getByRole('progressbar', { name: 'Downloading the recogniser' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('on failure: plain words in an alert, the file folded in details, Retry focused', async () => {
    const onRetry = vi.fn();
    render(<ModelStatus state={{ status: 'error', failure }} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(screen.getByTestId('model-status')).toHaveAttribute('data-state', 'error');
    expect(within(alert).getByText(/can’t read digits right now/i)).toBeVisible();
    expect(alert).toHaveTextContent(failure.reason);
    const detail = alert.querySelector('details');
    expect(detail).not.toBeNull();
    expect(detail).not.toHaveAttribute('open');
    expect(detail).toHaveTextContent('models/cnn/model.json returned 404');
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    expect(retry).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
