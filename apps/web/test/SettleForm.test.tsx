import { screen } from '@testing-library/react';
import { ReviewDetailView } from '../src/expert/ReviewDetailView';
import { SettleForm } from '../src/expert/SettleForm';
import { reviewDetail } from './fixtures';
import { keys, renderUI } from './render';

function setup() {
  const onSettle = jest.fn();
  const onRelease = jest.fn();
  const r = renderUI(<SettleForm labels={['match', 'no_match']} onSettle={onSettle} onRelease={onRelease} />);
  return { ...r, onSettle, onRelease };
}

const note = () => screen.getByRole('textbox', { name: /Note/ });

describe('SettleForm', () => {
  it('picks a label with its digit shortcut and settles with Enter', async () => {
    const { user, onSettle } = setup();
    expect(screen.getByRole('button', { name: /Pick a label/ })).toBeDisabled();
    await user.keyboard('2');
    expect(screen.getByRole('button', { name: 'No match' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Match' })).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard(keys.enter);
    expect(onSettle).toHaveBeenCalledWith('no_match', undefined);
  });

  it('sends the note, and digits typed in the note stay text', async () => {
    const { user, onSettle } = setup();
    await user.keyboard('1');
    await user.click(note());
    await user.type(note(), 'B says 2 cats, not 1');
    expect(note()).toHaveValue('B says 2 cats, not 1');
    expect(screen.getByRole('button', { name: 'Match' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard(keys.ctrlEnter);
    expect(onSettle).toHaveBeenCalledWith('match', 'B says 2 cats, not 1');
  });

  it('leaves the note with Esc without releasing, then Esc releases', async () => {
    const { user, onRelease, onSettle } = setup();
    await user.click(note());
    await user.keyboard(`x${keys.escape}`);
    expect(note()).not.toHaveFocus();
    expect(onRelease).not.toHaveBeenCalled();
    await user.keyboard(keys.escape);
    expect(onRelease).toHaveBeenCalledTimes(1);
    expect(onSettle).not.toHaveBeenCalled();
  });

  it('does nothing on Enter before a label is picked', async () => {
    const { user, onSettle } = setup();
    await user.keyboard(keys.enter);
    expect(onSettle).not.toHaveBeenCalled();
  });

  it('settles by clicking a label then the settle button', async () => {
    const { user, onSettle } = setup();
    await user.click(screen.getByRole('button', { name: 'Match' }));
    await user.click(screen.getByRole('button', { name: /Settle as Match/ }));
    expect(onSettle).toHaveBeenCalledWith('match', undefined);
  });
});

describe('ReviewDetailView', () => {
  it('shows the pair, the model prediction, the crowd votes with counts and the posterior', () => {
    renderUI(<ReviewDetailView review={reviewDetail()} onSettle={jest.fn()} onRelease={jest.fn()} />);
    expect(screen.getByText('Text A of review 1')).toBeVisible();
    expect(screen.getByText('prod-2025-01', { exact: false })).toBeVisible();
    expect(screen.getByLabelText('Model probabilities')).toHaveTextContent('Match55%No match45%');
    expect(screen.getByLabelText('Vote counts')).toHaveTextContent('Match 3No match 2');
    expect(screen.getByRole('list', { name: 'Crowd votes' }).children).toHaveLength(5);
    expect(screen.getByText('L-7f3a')).toBeVisible();
    expect(screen.getByText('60%')).toBeVisible();
    expect(screen.getByLabelText('Posterior probabilities')).toHaveTextContent('Match62%No match38%');
  });
});
