import { screen, within } from '@testing-library/react';
import { BatchOutcomes } from '../src/labeller/BatchOutcomes';
import { SubmittedPanel } from '../src/labeller/SubmittedPanel';
import { WaitingPanel } from '../src/labeller/WaitingPanel';
import { outcome } from './fixtures';
import { keys, renderUI } from './render';

describe('WaitingPanel', () => {
  it('says there is no work and checks again on N', async () => {
    const onGetBatch = jest.fn();
    const { user } = renderUI(<WaitingPanel mode="waiting" onGetBatch={onGetBatch} />);
    expect(screen.getByRole('heading', { name: 'No work right now' })).toBeVisible();
    await user.keyboard('n');
    expect(onGetBatch).toHaveBeenCalledTimes(1);
  });

  it('offers the new work when it arrives', async () => {
    const onGetBatch = jest.fn();
    const { user } = renderUI(<WaitingPanel mode="available" onGetBatch={onGetBatch} />);
    expect(screen.getByRole('heading', { name: 'New work is available' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: /Get batch/ }));
    expect(onGetBatch).toHaveBeenCalledTimes(1);
  });

  it('tells the labeller an expired batch is gone and offers a new one', async () => {
    const onGetBatch = jest.fn();
    const { user } = renderUI(<WaitingPanel mode="expired" onGetBatch={onGetBatch} />);
    expect(screen.getByRole('heading', { name: 'This batch expired' })).toBeVisible();
    await user.keyboard(keys.enter);
    expect(onGetBatch).toHaveBeenCalledTimes(1);
  });
});

describe('SubmittedPanel', () => {
  it('says the batch is being scored and asks for the next on N or Enter', async () => {
    const onNext = jest.fn();
    const { user } = renderUI(<SubmittedPanel outcome={outcome()} onNext={onNext} />);
    expect(screen.getByRole('heading', { name: /being scored/ })).toBeVisible();
    await user.keyboard('n');
    await user.keyboard(keys.enter);
    expect(onNext).toHaveBeenCalledTimes(2);
  });

  it('shows the outcome once it is decided', () => {
    renderUI(<SubmittedPanel outcome={outcome({ status: 'rejected', reasons: ['Answered faster than the texts can be read'] })} onNext={jest.fn()} />);
    expect(screen.getByText('Rejected')).toBeVisible();
    expect(screen.getByText('Answered faster than the texts can be read')).toBeVisible();
  });
});

describe('BatchOutcomes', () => {
  it('lists batches newest first with their status and plain reasons', () => {
    const now = Date.parse('2025-01-01T13:00:00.000Z');
    renderUI(
      <BatchOutcomes
        now={now}
        batches={[
          outcome({ id: 'a', status: 'accepted', createdAt: '2025-01-01T10:00:00.000Z', decidedAt: '2025-01-01T10:20:00.000Z' }),
          outcome({ id: 'b', status: 'rejected', createdAt: '2025-01-01T12:00:00.000Z', decidedAt: '2025-01-01T12:50:00.000Z', reasons: ['Gold accuracy 40% is below 70%'] }),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('batch-outcome');
    expect(within(rows[0]!).getByText('Rejected')).toBeVisible();
    expect(within(rows[0]!).getByText('Gold accuracy 40% is below 70%')).toBeVisible();
    expect(within(rows[0]!).getByText(/10 pairs · 10 min ago/)).toBeVisible();
    expect(within(rows[1]!).getByText('Accepted')).toBeVisible();
    expect(screen.getByText('1 of 2 accepted')).toBeVisible();
  });

  it('has an empty state', () => {
    renderUI(<BatchOutcomes batches={[]} />);
    expect(screen.getByText(/show up here/)).toBeVisible();
  });
});
