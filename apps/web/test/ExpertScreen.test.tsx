import type { ServerEvents, TReviewDetail, TReviewSummary } from '@quorum/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import { ExpertScreen } from '../src/expert/ExpertScreen';
import { historyEntry, reviewDetail, reviewSummary } from './fixtures';
import { keys, renderUI } from './render';

// The expert screen against a fake API and a fake socket: claim, decide with the keyboard, the
// next review at once, live removal of items others claim, undo, and the history tab.
jest.mock('../src/api/endpoints', () => ({
  api: {
    listReviews: jest.fn(),
    getReview: jest.fn(),
    claimReview: jest.fn(),
    renewReview: jest.fn(),
    releaseReview: jest.fn(),
    settleReview: jest.fn(),
    undoReview: jest.fn(),
    reviewHistory: jest.fn(),
    reviewAgreement: jest.fn(),
  },
}));
type Handler = (e: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
jest.mock('../src/socket', () => {
  const { useEffect, useRef } = jest.requireActual<typeof import('react')>('react');
  return {
    useSocketEvent: (event: string, handler: Handler) => {
      const ref = useRef(handler);
      ref.current = handler;
      useEffect(() => {
        const h: Handler = (e) => ref.current(e);
        if (!handlers.has(event)) handlers.set(event, new Set());
        handlers.get(event)!.add(h);
        return () => void handlers.get(event)!.delete(h);
      }, [event]);
    },
    useOnReconnect: () => undefined,
  };
});
const emit = <E extends keyof ServerEvents>(event: E, payload: Parameters<ServerEvents[E]>[0]) => act(() => handlers.get(event)?.forEach((h) => h(payload)));

const { api } = jest.requireMock('../src/api/endpoints') as { api: Record<string, jest.Mock> };
const project = { id: '00000000-0000-4000-8000-000000000900', name: 'Demo', labels: ['match', 'no_match'], batchSize: 10 };
const detailOf = (s: TReviewSummary, over: Partial<TReviewDetail> = {}) => reviewDetail({ ...s, textA: s.textA, textB: s.textB, ...over });

let queue: TReviewSummary[];
let heldId: string | null = null;
beforeEach(() => {
  heldId = null;
  handlers.clear();
  for (const fn of Object.values(api)) fn.mockReset();
  queue = [reviewSummary(1), reviewSummary(2), reviewSummary(3)];
  api.listReviews!.mockImplementation(async () => ({ reviews: queue, total: queue.length }));
  const until = () => new Date(Date.now() + 600_000).toISOString();
  api.getReview!.mockImplementation(async (id: string) =>
    detailOf(queue.find((r) => r.id === id) ?? reviewSummary(9), id === heldId ? { status: 'claimed', claimedByMe: true, claimExpiresAt: until() } : { status: 'queued', claimedByMe: false, claimExpiresAt: null }),
  );
  api.claimReview!.mockImplementation(async (id: string) => {
    heldId = id;
    return detailOf(queue.find((r) => r.id === id)!, { status: 'claimed', claimedByMe: true, claimExpiresAt: until() });
  });
  api.settleReview!.mockImplementation(async (id: string, d: { decision: string; label?: string }) => {
    queue = queue.filter((r) => r.id !== id);
    return reviewDetail({ id, status: 'settled', decision: d.decision as 'label', label: d.label ?? null, undoableUntil: new Date(Date.now() + 300_000).toISOString() });
  });
  api.releaseReview!.mockImplementation(async (id: string) => {
    heldId = null;
    return reviewDetail({ id, status: 'queued', claimedByMe: false });
  });
  api.reviewHistory!.mockResolvedValue({ entries: [historyEntry(1, { undoableUntil: new Date(Date.now() + 300_000).toISOString(), note: 'cut off' })], total: 1, page: 1, pageSize: 20 });
  api.reviewAgreement!.mockResolvedValue({ project: { decisions: 10, ambiguous: 1, invalid: 1, comparable: 8, agreed: 6, share: 0.75 }, experts: [{ expertId: 'x', displayName: 'Expert 1', isMe: true, decisions: 4, ambiguous: 0, invalid: 1, comparable: 3, agreed: 2, share: 2 / 3 }] });
});

const article = () => screen.getByRole('article', { name: 'Review' });

it('claims with Enter, settles with a digit and Enter, and the next review appears at once', async () => {
  const { user } = renderUI(<ExpertScreen project={project} />);
  await screen.findByRole('button', { name: /Open review: Text A of review 1/ });
  await user.keyboard(keys.enter);
  await waitFor(() => expect(article()).toHaveTextContent('Claimed by you'));
  expect(api.claimReview).toHaveBeenCalledWith(queue[0]!.id);
  expect(article()).toHaveTextContent('Text A of review 1');
  // The next review was fetched ahead of time.
  await waitFor(() => expect(api.getReview).toHaveBeenCalledWith(reviewSummary(2).id));
  await user.keyboard(`2${keys.enter}`);
  expect(api.settleReview).toHaveBeenCalledWith(reviewSummary(1).id, { decision: 'label', label: 'no_match' }, undefined);
  await waitFor(() => expect(article()).toHaveTextContent('Text A of review 2'));
  expect(screen.getByRole('status')).toHaveTextContent('Settled as No match.');
  await waitFor(() => expect(api.claimReview).toHaveBeenLastCalledWith(reviewSummary(2).id));
  expect(screen.getByRole('heading', { name: /Review 1 of 2/ })).toBeVisible();
});

it('J skips to the next review and K goes back; Esc releases and returns to the queue', async () => {
  // Like the server, list the caller's claim first: navigation must still follow the ranking.
  api.listReviews!.mockImplementation(async () => {
    const mineFirst = [...queue].sort((a, b) => Number(b.id === heldId) - Number(a.id === heldId));
    return { reviews: mineFirst.map((r) => ({ ...r, claimedByMe: r.id === heldId })), total: queue.length };
  });
  queue = [reviewSummary(1, { priority: { ...reviewSummary(1).priority, score: 0.5 } }), reviewSummary(2), reviewSummary(3, { priority: { ...reviewSummary(1).priority, score: 0.1 } })];
  const { user } = renderUI(<ExpertScreen project={project} />);
  await user.click(await screen.findByRole('button', { name: /Open review: Text A of review 1/ }));
  await waitFor(() => expect(article()).toHaveTextContent('Claimed by you'));
  await user.keyboard('j');
  await waitFor(() => expect(article()).toHaveTextContent('Text A of review 2'));
  // The claim's own event refetches the queue, which now lists review 2 first.
  const listed = api.listReviews!.mock.calls.length;
  emit('review:changed', { projectId: project.id, reviewId: reviewSummary(2).id, status: 'claimed', claimedBy: null });
  await waitFor(() => expect(api.listReviews!.mock.calls.length).toBeGreaterThan(listed));
  expect((await api.listReviews!.mock.results.at(-1)!.value).reviews[0].id).toBe(reviewSummary(2).id);
  await waitFor(() => expect(screen.getByRole('heading', { name: /Review 2 of 3/ })).toBeVisible());
  await user.keyboard('k');
  await waitFor(() => expect(article()).toHaveTextContent('Text A of review 1'));
  expect(api.claimReview!.mock.calls.map((c) => c[0])).toEqual([reviewSummary(1).id, reviewSummary(2).id, reviewSummary(1).id]);
  await user.keyboard(keys.escape);
  await screen.findByRole('heading', { name: /Review queue/ });
  expect(api.releaseReview).toHaveBeenCalledWith(reviewSummary(1).id);
});

it('an item another expert claims leaves the list at once', async () => {
  renderUI(<ExpertScreen project={project} />);
  await screen.findByRole('button', { name: /Open review: Text A of review 2/ });
  queue = queue.filter((r) => r.id !== reviewSummary(2).id);
  emit('review:changed', { projectId: project.id, reviewId: reviewSummary(2).id, status: 'claimed', claimedBy: null });
  expect(screen.queryByRole('button', { name: /Open review: Text A of review 2/ })).not.toBeInTheDocument();
  expect(screen.getAllByRole('button', { name: /Open review/ })).toHaveLength(2);
});

it('a claim lost to another expert says so and the queue carries on', async () => {
  api.claimReview!.mockRejectedValueOnce(new ApiError(409, 'conflict', 'another expert is working on this review'));
  const { user } = renderUI(<ExpertScreen project={project} />);
  await user.click(await screen.findByRole('button', { name: /Open review: Text A of review 1/ }));
  expect(await screen.findByText(/Another expert has just claimed that review/)).toBeVisible();
  expect(screen.queryByRole('article', { name: 'Review' })).not.toBeInTheDocument();
});

it('U undoes the last decision and brings that review back', async () => {
  const { user } = renderUI(<ExpertScreen project={project} />);
  await user.click(await screen.findByRole('button', { name: /Open review: Text A of review 1/ }));
  await waitFor(() => expect(article()).toHaveTextContent('Claimed by you'));
  await user.keyboard(`a${keys.enter}`);
  expect(api.settleReview).toHaveBeenCalledWith(reviewSummary(1).id, { decision: 'ambiguous' }, undefined);
  await waitFor(() => expect(article()).toHaveTextContent('Text A of review 2'));
  expect(screen.getByRole('button', { name: /Undo/ })).toBeVisible();
  api.undoReview!.mockResolvedValue(reviewDetail({ id: reviewSummary(1).id, textA: 'Text A of review 1', status: 'claimed', claimedByMe: true }));
  await user.keyboard('u');
  await waitFor(() => expect(article()).toHaveTextContent('Text A of review 1'));
  expect(api.undoReview).toHaveBeenCalledWith(reviewSummary(1).id);
  expect(screen.getByRole('status')).toHaveTextContent('Decision undone');
});

it('H shows the history with agreement figures and an Undo inside the window', async () => {
  const { user } = renderUI(<ExpertScreen project={project} />);
  await screen.findAllByRole('button', { name: /Open review/ });
  await user.keyboard('h');
  expect(await screen.findByRole('heading', { name: /Your decisions/ })).toBeVisible();
  expect(await screen.findByLabelText('Agreement with the crowd')).toHaveTextContent('You agreed with the crowd67%2 of 3 labels · 1 set aside');
  expect(screen.getByLabelText('Agreement with the crowd')).toHaveTextContent('All experts, this project75%6 of 8 labels · 2 set aside');
  const entries = await screen.findByRole('list', { name: 'Settled reviews' });
  expect(entries).toHaveTextContent('No match');
  expect(entries).toHaveTextContent('crowd: Match');
  expect(entries).toHaveTextContent('“cut off”');
  api.undoReview!.mockResolvedValue(reviewDetail({ id: historyEntry(1).id, status: 'claimed', claimedByMe: true }));
  await user.click(screen.getByRole('button', { name: 'Undo' }));
  await waitFor(() => expect(article()).toBeVisible());
  await user.keyboard('q');
  expect(article()).toBeVisible();
});
