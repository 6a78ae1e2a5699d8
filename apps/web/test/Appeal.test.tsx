import { act, screen, within } from '@testing-library/react';
import { AppealForm } from '../src/labeller/AppealForm';
import { BatchOutcomes } from '../src/labeller/BatchOutcomes';
import { PausedPanel } from '../src/labeller/PausedPanel';
import { SubmittedPanel } from '../src/labeller/SubmittedPanel';
import { pauseReasonText } from '../src/labeller/useLabellerBatch';
import { ApiError } from '../src/api/errors';
import { outcome } from './fixtures';
import { renderUI } from './render';

const message = () => screen.getByRole('textbox', { name: /Why should this batch count/ });

describe('AppealForm', () => {
  it('opens, sends the trimmed message, and shows the status the container hands back', async () => {
    const onAppeal = jest.fn().mockResolvedValue(undefined);
    const { user, rerender } = renderUI(<AppealForm appeal={null} onAppeal={onAppeal} />);
    await user.click(screen.getByRole('button', { name: 'Appeal this rejection' }));
    await user.type(message(), '  I read every pair; two were ambiguous.  ');
    await user.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(onAppeal).toHaveBeenCalledWith('I read every pair; two were ambiguous.');
    rerender(<AppealForm appeal={{ status: 'open', resolutionNote: null }} onAppeal={onAppeal} />);
    expect(screen.getByRole('status')).toHaveTextContent('Appeal sent');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('does not send an empty message', async () => {
    const onAppeal = jest.fn();
    const { user } = renderUI(<AppealForm appeal={null} onAppeal={onAppeal} />);
    await user.click(screen.getByRole('button', { name: 'Appeal this rejection' }));
    await user.type(message(), '   ');
    await user.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(onAppeal).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(/why this batch should count/);
  });

  it("keeps the message and shows the server's error when sending fails", async () => {
    const onAppeal = jest.fn().mockRejectedValue(new ApiError(409, 'conflict', 'this batch has been appealed already'));
    const { user } = renderUI(<AppealForm appeal={null} onAppeal={onAppeal} />);
    await user.click(screen.getByRole('button', { name: 'Appeal this rejection' }));
    await user.type(message(), 'please look again');
    await user.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('this batch has been appealed already');
    expect(message()).toHaveValue('please look again');
  });

  it("shows a resolved appeal with the engineer's note", () => {
    renderUI(<AppealForm appeal={{ status: 'dismissed', resolutionNote: 'The control answers are unambiguous.' }} onAppeal={jest.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent('Appeal dismissed');
    expect(screen.getByText(/The control answers are unambiguous/)).toBeVisible();
  });
});

describe('appeals in the batch outcomes', () => {
  it('offers an appeal only on rejected batches, with the batch id', async () => {
    const onAppeal = jest.fn().mockResolvedValue(undefined);
    const { user } = renderUI(
      <BatchOutcomes
        onAppeal={onAppeal}
        batches={[
          outcome({ id: 'acc', status: 'accepted', createdAt: '2025-01-01T10:00:00.000Z' }),
          outcome({ id: 'rej', status: 'rejected', createdAt: '2025-01-01T11:00:00.000Z', reasons: ['3 of 4 control answers wrong'] }),
          outcome({ id: 'up', status: 'accepted', createdAt: '2025-01-01T09:00:00.000Z', appeal: { status: 'upheld', resolutionNote: 'fair point' } }),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('batch-outcome');
    expect(screen.getAllByRole('button', { name: 'Appeal this rejection' })).toHaveLength(1);
    expect(within(rows[0]!).getByText('3 of 4 control answers wrong')).toBeVisible();
    expect(within(rows[2]!).getByRole('status')).toHaveTextContent('Appeal upheld');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Appeal this rejection' }));
    await user.type(within(rows[0]!).getByRole('textbox'), 'I was careful');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Send appeal' }));
    expect(onAppeal).toHaveBeenCalledWith('rej', 'I was careful');
  });

  it('reads a long-submitted batch as waiting for other labellers', () => {
    const now = Date.parse('2025-01-01T12:05:00.000Z');
    renderUI(<BatchOutcomes now={now} batches={[outcome({ status: 'submitted', submittedAt: '2025-01-01T12:00:00.000Z' })]} />);
    expect(screen.getByText('Waiting for others')).toBeVisible();
  });
});

describe('SubmittedPanel while the decision waits', () => {
  it('says "being scored" at first, then that it waits for other labellers', () => {
    const t0 = Date.parse('2025-01-01T12:00:00.000Z');
    const { rerender } = renderUI(<SubmittedPanel outcome={outcome()} onNext={jest.fn()} now={t0} />);
    expect(screen.getByRole('heading', { name: /being scored/ })).toBeVisible();
    act(() => rerender(<SubmittedPanel outcome={outcome()} onNext={jest.fn()} now={t0 + 8_000} />));
    expect(screen.getByRole('heading', { name: 'Waiting for other labellers’ answers' })).toBeVisible();
  });

  it('offers an appeal when the batch on screen is rejected', () => {
    renderUI(<SubmittedPanel outcome={outcome({ status: 'rejected', reasons: ['median 0.4 s per pair, reading takes about 4.2 s'] })} onNext={jest.fn()} onAppeal={jest.fn()} />);
    expect(screen.getByText('median 0.4 s per pair, reading takes about 4.2 s')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Appeal this rejection' })).toBeVisible();
  });
});

describe('PausedPanel', () => {
  it('shows the reason, that an engineer can lift it, and checks again', async () => {
    const onRetry = jest.fn();
    const { user } = renderUI(<PausedPanel reason={pauseReasonText('you are paused from new batches: 2 of your last 3 batches were rejected')} onRetry={onRetry} />);
    expect(screen.getByRole('heading', { name: 'Labelling is paused' })).toBeVisible();
    expect(screen.getByText('2 of your last 3 batches were rejected')).toBeVisible();
    expect(screen.getByText(/An engineer of this project can lift the pause/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
