import { screen, within } from '@testing-library/react';
import { AppealsList } from '../src/engineer/AppealsList';
import { EvidenceView } from '../src/engineer/EvidenceView';
import { OverrideForm } from '../src/engineer/OverrideForm';
import { appealFixture, engineerBatch, evidence } from './fixtures';
import { renderUI } from './render';

describe('OverrideForm', () => {
  it('requires a note before it sends the decision', async () => {
    const onOverride = jest.fn();
    const { user } = renderUI(<OverrideForm status="rejected" onOverride={onOverride} />);
    await user.click(screen.getByRole('button', { name: 'Override…' }));
    expect(screen.queryByRole('button', { name: 'Reject batch' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept batch' }));
    expect(onOverride).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('A note is required');
    await user.type(screen.getByRole('textbox', { name: /Note/ }), '  gold item 17 was mislabelled ');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept batch' }));
    expect(onOverride).toHaveBeenCalledWith('accept', 'gold item 17 was mislabelled');
  });

  it('offers rejecting an accepted batch, both for a waiting one, nothing for an expired one', async () => {
    const onOverride = jest.fn();
    const { user, rerender } = renderUI(<OverrideForm status="accepted" onOverride={onOverride} />);
    await user.click(screen.getByRole('button', { name: 'Override…' }));
    await user.type(screen.getByRole('textbox', { name: /Note/ }), 'copy-paste answers');
    await user.click(screen.getByRole('button', { name: 'Reject batch' }));
    expect(onOverride).toHaveBeenCalledWith('reject', 'copy-paste answers');
    expect(screen.queryByRole('button', { name: 'Accept batch' })).not.toBeInTheDocument();
    rerender(<OverrideForm key="w" status="submitted" onOverride={onOverride} />);
    await user.click(screen.getByRole('button', { name: 'Override…' }));
    expect(screen.getByRole('button', { name: 'Accept batch' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reject batch' })).toBeVisible();
    rerender(<OverrideForm key="e" status="expired" onOverride={onOverride} />);
    expect(screen.queryByRole('button', { name: 'Override…' })).not.toBeInTheDocument();
  });
});

describe('EvidenceView', () => {
  it('renders the figures behind a decision readably', () => {
    renderUI(<EvidenceView evidence={evidence} />);
    expect(screen.getByRole('group', { name: 'Control answers' })).toHaveTextContent('1 of 4 correct25%');
    expect(screen.getByRole('group', { name: 'Peer agreement' })).toHaveTextContent('2 of 5 pairs40% agree');
    expect(screen.getByRole('group', { name: 'Time per pair' })).toHaveTextContent('median 0.40 sreading takes about 4.2 s · 90% far too fast');
    expect(screen.getByRole('group', { name: 'Answer patterns' })).toHaveTextContent('longest run 3');
    expect(screen.getByRole('group', { name: 'P(random clicker)' })).toHaveTextContent('97.0%prior 5.0% · honest means ≥ 70% accurate');
    expect(screen.getByRole('group', { name: 'Decision' })).toHaveTextContent('reject10 pairs · waited 12 s');
    const llr = screen.getByRole('group', { name: 'Log-likelihood ratio' });
    expect(llr).toHaveTextContent('+6.40');
    expect(llr).toHaveTextContent('Control answers+2.50');
    expect(llr).toHaveTextContent('Time+3.10');
    expect(llr).toHaveTextContent('Patterns−0.40');
  });

  it('never shows a probability as a certain 100% or 0%', () => {
    renderUI(<EvidenceView evidence={{ ...evidence, posteriorSpam: 0.99999, priorSpam: 0.00001 }} />);
    expect(screen.getByRole('group', { name: 'P(random clicker)' })).toHaveTextContent('> 99.9%prior < 0.1%');
  });

  it('says so when a batch has no evidence yet, and tolerates odd records', () => {
    const { rerender } = renderUI(<EvidenceView evidence={null} status="submitted" />);
    expect(screen.getByText(/Not scored yet/)).toBeVisible();
    rerender(<EvidenceView evidence={null} status="accepted" />);
    expect(screen.getByText('No evidence was recorded for this decision.')).toBeVisible();
    rerender(<EvidenceView evidence={{ goldTotal: 'x', components: null }} />);
    expect(screen.getByRole('group', { name: 'Control answers' })).toHaveTextContent('none in batch');
    expect(screen.queryByRole('group', { name: 'Log-likelihood ratio' })).not.toBeInTheDocument();
  });
});

describe('AppealsList', () => {
  it("shows the labeller's message with the batch's reasons, and resolves with an optional note", async () => {
    const onResolve = jest.fn();
    const appeal = appealFixture(1);
    const batch = engineerBatch(1);
    const { user } = renderUI(<AppealsList appeals={[appeal, appealFixture(2)]} batches={{ [batch.id]: batch }} onResolve={onResolve} />);
    const card = screen.getAllByRole('article', { name: /Appeal by Alice Labeller/ })[0]!;
    expect(within(card).getByText(appeal.message)).toBeVisible();
    expect(within(card).getByText('3 of 4 control answers wrong')).toBeVisible();
    expect(within(card).getByRole('group', { name: 'P(random clicker)' })).toBeVisible();
    expect(within(card).getByRole('group', { name: 'Control answers' })).toHaveTextContent('1 of 4 correct');
    await user.click(within(card).getByRole('button', { name: 'Uphold' }));
    expect(onResolve).toHaveBeenLastCalledWith(appeal.id, 'uphold', undefined);
    await user.type(within(card).getByRole('textbox', { name: /Note to/ }), 'controls are clear');
    await user.click(within(card).getByRole('button', { name: 'Dismiss' }));
    expect(onResolve).toHaveBeenLastCalledWith(appeal.id, 'dismiss', 'controls are clear');
    expect(screen.getByText('Loading the batch…')).toBeVisible();
  });
});
