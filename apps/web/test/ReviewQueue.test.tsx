import { act, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { ReviewFilters } from '../src/api/endpoints';
import { priorityReasons, splitText } from '../src/expert/priority';
import { ReviewQueue } from '../src/expert/ReviewQueue';
import { reviewSummary } from './fixtures';
import { keys, renderUI } from './render';

const LABELS = ['match', 'no_match'];

describe('ReviewQueue', () => {
  it('lists reviews with their priority and why, and opens one on click', async () => {
    const onOpen = jest.fn();
    const reviews = [reviewSummary(1), reviewSummary(2, { claimedByMe: true })];
    const { user } = renderUI(<ReviewQueue reviews={reviews} total={2} labels={LABELS} onOpen={onOpen} />);
    expect(screen.getByText('Claimed by you')).toBeVisible();
    const first = screen.getByRole('button', { name: /Open review: Text A of review 1/ });
    expect(within(first).getByText('0.39')).toBeVisible();
    expect(first).toHaveTextContent('Crowd 3–2 leaning Match (disagreement 0.97)');
    expect(first).toHaveTextContent('Model 62% sure; wrong on 9 of 24 settled items at 60%–70% confidence (40%)');
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

  it('says when there is nothing to review, and when filters hide everything', () => {
    const { rerender } = renderUI(<ReviewQueue reviews={[]} onOpen={jest.fn()} />);
    expect(screen.getByRole('heading', { name: 'Nothing to review' })).toBeVisible();
    rerender(<ReviewQueue reviews={[]} onOpen={jest.fn()} labels={LABELS} filters={{ crowdLabel: 'match' }} onFilters={jest.fn()} />);
    expect(screen.getByRole('heading', { name: 'Nothing matches these filters' })).toBeVisible();
  });

  it('filters by crowd label, model label, disagreement and text; "/" jumps to the search', async () => {
    const seen: ReviewFilters[] = [];
    function Harness() {
      const [filters, setFilters] = useState<ReviewFilters>({});
      return (
        <ReviewQueue
          reviews={[reviewSummary(1)]}
          labels={LABELS}
          filters={filters}
          onFilters={(f) => {
            seen.push(f);
            setFilters(f);
          }}
          onOpen={jest.fn()}
        />
      );
    }
    const { user } = renderUI(<Harness />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Crowd leans' }), 'no_match');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model says' }), 'match');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Disagreement' }), '0.9');
    // Keys typed into a select belong to it; from the page, "/" jumps to the search.
    await user.click(screen.getByRole('heading', { name: /Review queue/ }));
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search the texts' })).toHaveFocus();
    await user.keyboard('cat sitter');
    await screen.findByDisplayValue('cat sitter');
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(seen.at(-1)).toEqual({ crowdLabel: 'no_match', modelLabel: 'match', minDisagreement: 0.9, q: 'cat sitter' });
    // Typing in the search never moves the cursor or opens a review.
    expect(screen.getByRole('button', { name: /Open review/ })).toHaveAttribute('aria-current', 'true');
  });

  it('explains a priority that rests on the prior alone', () => {
    const p = reviewSummary(1).priority;
    expect(priorityReasons({ ...p, basis: 'prior', settledInBucket: 0, wrongInBucket: 0, modelErrorRate: 0.35 }, { match: 1, no_match: 1 }, null)).toEqual([
      'Crowd 1–1 tied (disagreement 0.97)',
      'Model 62% sure; no settled items at 60%–70% confidence yet, assumed 35% wrong',
    ]);
    expect(splitText({ a: 1, b: 3, c: 0 })).toBe('3–1');
  });
});
