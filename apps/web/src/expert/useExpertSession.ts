import type { TReviewDetail, TReviewSummary } from '@quorum/contracts';
import { useEffect, useRef, useState } from 'react';
import { api, type ReviewDecisionInput, type ReviewFilters } from '../api/endpoints';
import { errorMessage, isApiError } from '../api/errors';
import { prettyLabel } from '../components/labels';
import { useSocketEvent } from '../socket';
import { useClaimRenewal } from './useClaimRenewal';
import { useReviewQueue } from './useReviewQueue';

export type Message = { tone: 'error' | 'info' | 'success' | 'warning'; text: string };
/** The caller's latest decision, undoable until `until`. */
export type LastDecision = { reviewId: string; until: string; text: string };

const decided = (d: ReviewDecisionInput) => (d.decision === 'label' ? `Settled as ${prettyLabel(d.label)}` : d.decision === 'ambiguous' ? 'Marked ambiguous' : 'Marked as an invalid pair');
/** The server's ranking without "my claim first": priority, then oldest. */
export const rankOrder = (a: TReviewSummary, b: TReviewSummary) => b.priority.score - a.priority.score || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const TAKEN = 'Another expert has just claimed that review. The queue is up to date again.';

/**
 * The expert's working state: the queue, the one review they hold, and moving between them.
 * The next review's detail is fetched ahead, so after a decision it shows at once while its
 * claim is confirmed (decisions wait for the claim). Claiming another review gives the held one
 * back (the server does it in the same transaction), so skipping with J/K needs one request.
 */
export function useExpertSession(projectId: string, filters: ReviewFilters) {
  const held = useRef<string | null>(null);
  const queue = useReviewQueue(projectId, filters, (id) => held.current === id);
  const [current, setCurrent] = useState<TReviewDetail | null>(null);
  const [claiming, setClaiming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [last, setLast] = useState<LastDecision | null>(null);
  const cache = useRef(new Map<string, TReviewDetail>());
  const fetching = useRef(new Set<string>());

  // Moving through the queue follows its ranking alone. The server lists the caller's own claim
  // first, which would make the item just skipped to jump to the top and K lead nowhere.
  const list = [...(queue.reviews ?? [])].sort(rankOrder);
  const index = current ? list.findIndex((r) => r.id === current.id) : -1;

  /** Tries the candidates in order until one claim succeeds; on none, keeps what was held. */
  async function goTo(candidates: readonly TReviewSummary[], after: Message | null, previous: TReviewDetail | null): Promise<void> {
    setMessage(after);
    for (const target of candidates.slice(0, 3)) {
      held.current = target.id;
      const preview = cache.current.get(target.id);
      if (preview) setCurrent(preview);
      setClaiming(true);
      try {
        const detail = target.claimedByMe ? await api.getReview(target.id) : await api.claimReview(target.id);
        cache.current.delete(target.id);
        if (held.current === target.id) setCurrent(detail);
        return;
      } catch (e) {
        cache.current.delete(target.id);
        queue.remove(target.id);
        if (!isApiError(e) || e.code !== 'conflict') {
          setMessage({ tone: 'error', text: errorMessage(e) });
          break;
        }
        setMessage({ tone: 'warning', text: TAKEN });
      } finally {
        setClaiming(false);
      }
    }
    // Every claim failed and rolled back: whatever was held is still held.
    held.current = previous?.id ?? null;
    setCurrent(previous);
    void queue.reload();
  }

  const open = (r: TReviewSummary) => void goTo([r], null, current);
  /** J/K: the review after (or before) the held one in queue order. */
  const move = (step: 1 | -1) => {
    if (!current || claiming || busy) return;
    const from = index < 0 ? (step > 0 ? -1 : list.length) : index;
    const candidates = step > 0 ? list.slice(from + 1) : list.slice(0, Math.max(0, from)).reverse();
    if (candidates.length === 0) setMessage({ tone: 'info', text: step > 0 ? 'That was the last review in the queue.' : 'That was the first review in the queue.' });
    else void goTo(candidates, null, current);
  };

  async function decide(decision: ReviewDecisionInput, note: string | undefined) {
    if (!current || claiming || busy) return;
    setBusy(true);
    try {
      const done = await api.settleReview(current.id, decision, note);
      if (done.undoableUntil) setLast({ reviewId: done.id, until: done.undoableUntil, text: decided(decision) });
      held.current = null;
      const rest = [...list.slice(index + 1), ...list.slice(0, Math.max(0, index))].filter((r) => r.id !== done.id);
      queue.remove(done.id);
      const after: Message = { tone: 'success', text: `${decided(decision)}.` };
      if (rest.length > 0) await goTo(rest, after, null);
      else {
        setCurrent(null);
        setMessage(after);
      }
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    if (!current || busy) return;
    setBusy(true);
    try {
      await api.releaseReview(current.id);
      setMessage(null);
    } catch (e) {
      // A lapsed claim cannot be released, but the expert is done with it either way.
      setMessage({ tone: 'warning', text: errorMessage(e) });
    } finally {
      held.current = null;
      setCurrent(null);
      setBusy(false);
      void queue.reload();
    }
  }

  async function undo(reviewId = last?.reviewId): Promise<boolean> {
    if (!reviewId || busy) return false;
    setBusy(true);
    try {
      const detail = await api.undoReview(reviewId);
      held.current = detail.id;
      setCurrent(detail);
      setLast(null);
      setMessage({ tone: 'info', text: 'Decision undone: the review is yours again. Decide anew.' });
      void queue.reload();
      return true;
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  useClaimRenewal(current?.claimedByMe ? current.id : null, (id) => {
    api.renewReview(id).then(
      (d) => setCurrent((c) => (c && c.id === d.id ? { ...c, claimExpiresAt: d.claimExpiresAt } : c)),
      () => void verify(id),
    );
  });

  /** Something happened to the held review that this screen did not do: check where it stands. */
  async function verify(reviewId: string) {
    if (held.current !== reviewId || claiming || busy) return;
    try {
      const d = await api.getReview(reviewId);
      if (held.current !== reviewId || d.claimedByMe) return;
      // The lease ran out but nobody took it: take it again without a fuss.
      if (d.status === 'queued') return void setCurrent(await api.claimReview(reviewId));
    } catch {
      // fall through: the claim is gone
    }
    if (held.current !== reviewId) return;
    held.current = null;
    setCurrent(null);
    setMessage({ tone: 'warning', text: 'Your claim on that review lapsed and another expert took it.' });
  }

  useSocketEvent('review:changed', (e) => {
    if (e.status !== 'queued') cache.current.delete(e.reviewId);
    if (current && e.reviewId === current.id && e.status !== 'settled') void verify(e.reviewId);
  });

  // Fetch the next review's detail ahead of time, so moving on needs no wait for the page.
  const nextId = (index >= 0 ? list[index + 1] : list.find((r) => r.id !== current?.id))?.id;
  useEffect(() => {
    if (!nextId || cache.current.has(nextId) || fetching.current.has(nextId)) return;
    fetching.current.add(nextId);
    api
      .getReview(nextId)
      .then((d) => void cache.current.set(nextId, d), () => undefined)
      .finally(() => fetching.current.delete(nextId));
  }, [nextId]);

  return { queue, current, claiming, busy, message, setMessage, last, index, open, move, decide, release, undo };
}
