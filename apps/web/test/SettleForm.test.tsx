import { screen } from '@testing-library/react';
import { ReviewDetailView } from '../src/expert/ReviewDetailView';
import { SettleForm } from '../src/expert/SettleForm';
import { reviewDetail } from './fixtures';
import { keys, renderUI } from './render';

function setup() {
  const onDecide = jest.fn();
  const onRelease = jest.fn();
  const r = renderUI(<SettleForm labels={['match', 'no_match']} onDecide={onDecide} onRelease={onRelease} />);
  return { ...r, onDecide, onRelease };
}

const note = () => screen.getByRole('textbox', { name: /Note/ });

describe('SettleForm', () => {
  it('picks a label with its digit shortcut and settles with Enter', async () => {
    const { user, onDecide } = setup();
    expect(screen.getByRole('button', { name: /Pick a decision/ })).toBeDisabled();
    await user.keyboard('2');
    expect(screen.getByRole('button', { name: 'No match' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Match' })).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard(keys.enter);
    expect(onDecide).toHaveBeenCalledWith({ decision: 'label', label: 'no_match' }, undefined);
  });

  it('A marks ambiguous, I marks an invalid pair; N writes the note; Enter confirms', async () => {
    const { user, onDecide } = setup();
    await user.keyboard('a');
    expect(screen.getByRole('button', { name: /Ambiguous/ })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('i');
    expect(screen.getByRole('button', { name: /Invalid pair/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /Ambiguous/ })).toHaveAttribute('aria-pressed', 'false');
    await user.keyboard('n');
    expect(note()).toHaveFocus();
    expect(note()).toHaveValue('');
    await user.keyboard(`text B is a phone number${keys.escape}`);
    expect(screen.getByRole('button', { name: /Mark as invalid pair/ })).toBeEnabled();
    await user.keyboard(keys.enter);
    expect(onDecide).toHaveBeenCalledWith({ decision: 'invalid' }, 'text B is a phone number');
  });

  it('sends the note, and digits and letters typed in the note stay text', async () => {
    const { user, onDecide } = setup();
    await user.keyboard('1');
    await user.click(note());
    await user.type(note(), 'B says 2 cats, not 1 (ask Ian)');
    expect(note()).toHaveValue('B says 2 cats, not 1 (ask Ian)');
    expect(screen.getByRole('button', { name: 'Match' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard(keys.ctrlEnter);
    expect(onDecide).toHaveBeenCalledWith({ decision: 'label', label: 'match' }, 'B says 2 cats, not 1 (ask Ian)');
  });

  it('leaves the note with Esc without releasing, then Esc releases', async () => {
    const { user, onRelease, onDecide } = setup();
    await user.click(note());
    await user.keyboard(`x${keys.escape}`);
    expect(note()).not.toHaveFocus();
    expect(onRelease).not.toHaveBeenCalled();
    await user.keyboard(keys.escape);
    expect(onRelease).toHaveBeenCalledTimes(1);
    expect(onDecide).not.toHaveBeenCalled();
  });

  it('does nothing on Enter before a decision is picked', async () => {
    const { user, onDecide } = setup();
    await user.keyboard(keys.enter);
    expect(onDecide).not.toHaveBeenCalled();
  });

  it('settles by clicking a label then the settle button', async () => {
    const { user, onDecide } = setup();
    await user.click(screen.getByRole('button', { name: 'Match' }));
    await user.click(screen.getByRole('button', { name: /Settle as Match/ }));
    expect(onDecide).toHaveBeenCalledWith({ decision: 'label', label: 'match' }, undefined);
  });
});

describe('ReviewDetailView', () => {
  it('shows the pair, the model prediction and confidence, votes with reliability, the posterior and similar items', () => {
    renderUI(<ReviewDetailView review={reviewDetail()} onDecide={jest.fn()} onRelease={jest.fn()} position={{ index: 2, total: 12 }} />);
    expect(screen.getByRole('heading', { name: /Review 3 of 12/ })).toBeVisible();
    expect(screen.getByText('prod-2025-01', { exact: false })).toBeVisible();
    expect(screen.getByText('Predicted', { exact: false })).toHaveTextContent('Predicted Match at 55%');
    expect(screen.getByLabelText('Model probabilities')).toHaveTextContent('Match55%No match45%');
    expect(screen.getByLabelText('Vote counts')).toHaveTextContent('Match 3No match 2');
    const votes = screen.getByRole('list', { name: 'Crowd votes' });
    expect(votes.children).toHaveLength(5);
    expect(votes.children[0]).toHaveTextContent('Labeller 7F3A9C91%Match');
    expect(votes.children[2]).toHaveTextContent('Labeller A0E1B7not measured yetNo match');
    expect(screen.getByLabelText('Posterior probabilities')).toHaveTextContent('Match62%No match38%');
    expect(screen.getByRole('list', { name: 'Similar settled items' })).toHaveTextContent('Someone to walk my dog');
    expect(screen.getByRole('list', { name: 'Similar settled items' })).toHaveTextContent('expert · 58% alike');
    expect(screen.getByLabelText('Why this item')).toHaveTextContent('0.39');
  });

  it('highlights the words only one text has; D cycles to shared words, then off, then back', async () => {
    const review = reviewDetail({ textA: 'I want someone to look after my cat', textB: 'I can look after your cat' });
    const { user } = renderUI(<ReviewDetailView review={review} onDecide={jest.fn()} onRelease={jest.fn()} />);
    const marked = (side: string) => [...screen.getByRole('region', { name: side }).querySelectorAll('mark')].map((m) => m.textContent);
    expect(screen.getByRole('button', { name: 'Differences' })).toHaveAttribute('aria-pressed', 'true');
    expect(marked('Text A')).toEqual(['want someone to', 'my']);
    expect(marked('Text B')).toEqual(['can', 'your']);
    expect(screen.getByRole('region', { name: 'Text A' })).toHaveTextContent('I want someone to look after my cat');
    await user.keyboard('d');
    expect(marked('Text A')).toEqual(['look after', 'cat']);
    expect(marked('Text B')).toEqual(['look after', 'cat']);
    await user.keyboard('d');
    expect(marked('Text A')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Differences' }));
    expect(marked('Text A')).toHaveLength(2);
  });

  it('opens a request/offer pair, which share few words, on the shared words', () => {
    const review = reviewDetail({ textA: 'Need help moving a sofa on Saturday', textB: 'Man with a van: removals, sofa and fridge, any day' });
    renderUI(<ReviewDetailView review={review} onDecide={jest.fn()} onRelease={jest.fn()} />);
    expect(screen.getByRole('button', { name: 'Shared words' })).toHaveAttribute('aria-pressed', 'true');
    expect([...screen.getByRole('region', { name: 'Text A' }).querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['sofa']);
  });
});
