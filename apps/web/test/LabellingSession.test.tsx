import type { TLabellerAssignment } from '@quorum/contracts';
import { screen, within } from '@testing-library/react';
import { useRef, useState } from 'react';
import { LabellingSession } from '../src/labeller/LabellingSession';
import { assignments } from './fixtures';
import { keys, renderUI } from './render';

const LABELS = ['match', 'no_match'];

/** Holds the answers the way the labeller screen does, and reports every call. */
function Harness(props: { items: TLabellerAssignment[]; initial?: Record<string, string>; onAnswer: jest.Mock; onSubmit: jest.Mock; withInput?: boolean }) {
  const [answers, setAnswers] = useState<Record<string, string>>(props.initial ?? {});
  const clock = useRef(1000);
  return (
    <>
      {props.withInput && <input aria-label="Scratch" />}
      <LabellingSession
        assignments={props.items}
        labels={LABELS}
        answers={answers}
        now={() => (clock.current += 250)}
        onAnswer={(id, label, ms) => {
          setAnswers((a) => ({ ...a, [id]: label }));
          props.onAnswer(id, label, ms);
        }}
        onSubmit={props.onSubmit}
      />
    </>
  );
}

function setup(n = 3, extra: Partial<Parameters<typeof Harness>[0]> = {}) {
  const items = assignments(n);
  const onAnswer = jest.fn();
  const onSubmit = jest.fn();
  const r = renderUI(<Harness items={items} onAnswer={onAnswer} onSubmit={onSubmit} {...extra} />);
  return { ...r, items, onAnswer, onSubmit };
}

const currentPair = () => screen.getByRole('article', { name: /^Pair \d+ of \d+$/ });

describe('LabellingSession', () => {
  it('shows the first pair with both texts and the shortcut of each label', () => {
    setup();
    expect(currentPair()).toHaveAccessibleName('Pair 1 of 3');
    expect(screen.getByText('I want someone to look after my cat (1)')).toBeVisible();
    expect(screen.getByText('I can provide pet sitting (1)')).toBeVisible();
    const match = screen.getByRole('button', { name: 'Match' });
    const noMatch = screen.getByRole('button', { name: 'No match' });
    expect(within(match).getByText('1')).toBeVisible();
    expect(within(noMatch).getByText('2')).toBeVisible();
    expect(match).toHaveAttribute('aria-keyshortcuts', '1');
    expect(noMatch).toHaveAttribute('aria-keyshortcuts', '2');
  });

  it('records the first label on 1 and the second on 2, each with its time, and moves on', async () => {
    const { user, items, onAnswer } = setup();
    await user.keyboard('1');
    expect(onAnswer).toHaveBeenLastCalledWith(items[0]!.id, 'match', expect.any(Number));
    expect(currentPair()).toHaveAccessibleName('Pair 2 of 3');
    await user.keyboard('2');
    expect(onAnswer).toHaveBeenLastCalledWith(items[1]!.id, 'no_match', expect.any(Number));
    expect(onAnswer).toHaveBeenCalledTimes(2);
    expect(onAnswer.mock.calls[0]![2]).toBeGreaterThan(0);
    expect(screen.getByTestId('progress-count')).toHaveTextContent('2 / 3');
    expect(screen.getByRole('progressbar', { name: 'Answered' })).toHaveAttribute('aria-valuenow', '2');
  });

  it('ignores digits that have no label', async () => {
    const { user, onAnswer } = setup();
    await user.keyboard('3');
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('records a click on a label button', async () => {
    const { user, items, onAnswer } = setup();
    await user.click(screen.getByRole('button', { name: 'No match' }));
    expect(onAnswer).toHaveBeenCalledWith(items[0]!.id, 'no_match', expect.any(Number));
  });

  it('goes back with Backspace and ←, shows the given answer and lets it be changed', async () => {
    const { user, items, onAnswer } = setup();
    await user.keyboard('12');
    expect(currentPair()).toHaveAccessibleName('Pair 3 of 3');
    await user.keyboard(keys.backspace);
    expect(currentPair()).toHaveAccessibleName('Pair 2 of 3');
    expect(screen.getByRole('button', { name: 'No match' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard(keys.left);
    expect(currentPair()).toHaveAccessibleName('Pair 1 of 3');
    await user.keyboard('2');
    expect(onAnswer).toHaveBeenLastCalledWith(items[0]!.id, 'no_match', expect.any(Number));
    expect(currentPair()).toHaveAccessibleName('Pair 2 of 3');
    await user.keyboard(keys.right);
    expect(currentPair()).toHaveAccessibleName('Pair 3 of 3');
  });

  it('ignores shortcut keys typed into a text field', async () => {
    const { user, onAnswer, onSubmit } = setup(1, { initial: {}, withInput: true });
    await user.click(screen.getByRole('textbox', { name: 'Scratch' }));
    await user.keyboard('12{Backspace}{Enter}');
    expect(screen.getByRole('textbox', { name: 'Scratch' })).toHaveValue('1');
    expect(onAnswer).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(currentPair()).toHaveAccessibleName('Pair 1 of 1');
  });

  it('does not submit on Enter while a pair is unanswered', async () => {
    const { user, onSubmit } = setup(2);
    await user.keyboard('1');
    await user.keyboard(keys.enter);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /Submit batch/ })).toBeDisabled();
  });

  it('submits on Enter once every pair is answered', async () => {
    const { user, onSubmit } = setup(2);
    await user.keyboard('12');
    expect(screen.getByRole('article', { name: 'All pairs answered' })).toBeVisible();
    expect(screen.getByRole('button', { name: /Submit batch/ })).toBeEnabled();
    await user.keyboard(keys.enter);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('opens a resumed batch at its first unanswered pair', () => {
    const items = assignments(3);
    setup(3, { items, initial: { [items[0]!.id]: 'match' } });
    expect(currentPair()).toHaveAccessibleName('Pair 2 of 3');
    expect(screen.getByTestId('progress-count')).toHaveTextContent('1 / 3');
  });
});
