import { screen } from '@testing-library/react';
import { ReviewQueue } from '../src/expert/ReviewQueue';
import { isMe, queueOrder } from '../src/expert/useReviewQueue';
import { reviewSummary } from './fixtures';
import { keys, renderUI } from './render';

describe('ReviewQueue', () => {
  it('lists reviews and opens one on click', async () => {
    const onOpen = jest.fn();
    const reviews = [reviewSummary(1), reviewSummary(2, { claimedByMe: true })];
    const { user } = renderUI(<ReviewQueue reviews={reviews} onOpen={onOpen} />);
    expect(screen.getByText('Claimed by you')).toBeVisible();
    await user.click(screen.getByRole('button', { name: /Open review: Text A of review 2/ }));
    expect(onOpen).toHaveBeenCalledWith(reviews[1]);
  });

  it('moves with j / ↓ and opens the selected review with Enter', async () => {
    const onOpen = jest.fn();
    const reviews = [reviewSummary(1), reviewSummary(2), reviewSummary(3)];
    const { user } = renderUI(<ReviewQueue reviews={reviews} onOpen={onOpen} />);
    await user.keyboard(`j${keys.down}${keys.enter}`);
    expect(onOpen).toHaveBeenCalledWith(reviews[2]);
  });

  it('says when there is nothing to review', () => {
    renderUI(<ReviewQueue reviews={[]} onOpen={jest.fn()} />);
    expect(screen.getByRole('heading', { name: 'Nothing to review' })).toBeVisible();
  });

  it('orders my claims first, then the oldest', () => {
    const a = reviewSummary(1, { createdAt: '2025-01-01T10:00:00.000Z' });
    const b = reviewSummary(2, { createdAt: '2025-01-01T09:00:00.000Z' });
    const mine = reviewSummary(3, { createdAt: '2025-01-01T11:00:00.000Z', claimedByMe: true });
    expect([a, b, mine].sort(queueOrder).map((r) => r.id)).toEqual([mine.id, b.id, a.id]);
  });

  it('recognises the caller in review:changed.claimedBy by id or email', () => {
    const me = { id: 'u1', email: 'expert1@demo.quorum', displayName: 'Expert 1', role: 'expert' as const };
    expect(isMe('u1', me)).toBe(true);
    expect(isMe('expert1@demo.quorum', me)).toBe(true);
    expect(isMe('u2', me)).toBe(false);
    expect(isMe(null, me)).toBe(false);
  });
});
