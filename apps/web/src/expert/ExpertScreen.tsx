import type { TProjectSummary, TReviewDetail, TReviewSummary, TUser } from '@quorum/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, isApiError } from '../api/errors';
import { prettyLabel } from '../components/labels';
import { Notice } from '../components/Notice';
import { useNow } from '../components/useNow';
import { useSocketEvent } from '../socket';
import { ReviewDetailView } from './ReviewDetailView';
import { ReviewQueue } from './ReviewQueue';
import { isMe, useReviewQueue } from './useReviewQueue';

type Message = { tone: 'error' | 'info' | 'success' | 'warning'; text: string };

/** Container: queue ↔ one claimed review. Opening claims; settling opens the next queued one. */
export function ExpertScreen({ project, user }: { project: TProjectSummary; user: TUser }) {
  const now = useNow();
  const queue = useReviewQueue(project.id, (by) => isMe(by, user));
  const [current, setCurrent] = useState<TReviewDetail | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  async function open(review: Pick<TReviewSummary, 'id' | 'claimedByMe'>, after?: Message) {
    setBusyId(review.id);
    setMessage(after ?? null);
    try {
      setCurrent(review.claimedByMe ? await api.getReview(review.id) : await api.claimReview(review.id));
    } catch (e) {
      setCurrent(null);
      if (isApiError(e) && e.code === 'conflict') {
        queue.remove(review.id);
        setMessage({ tone: 'warning', text: 'Another expert has just claimed that review. The queue is up to date again.' });
      } else setMessage({ tone: 'error', text: errorMessage(e) });
      void queue.reload();
    } finally {
      setBusyId(null);
    }
  }

  async function settle(label: string, note: string | undefined) {
    if (!current) return;
    setBusyId(current.id);
    try {
      await api.settleReview(current.id, label, note);
      const done: Message = { tone: 'success', text: `Settled as ${prettyLabel(label)}.` };
      queue.remove(current.id);
      const next = (queue.data ?? []).find((r) => r.id !== current.id);
      if (next) await open(next, done);
      else {
        setCurrent(null);
        setMessage(done);
      }
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusyId(null);
    }
  }

  async function release() {
    if (!current) return;
    setBusyId(current.id);
    try {
      await api.releaseReview(current.id);
      setMessage(null);
    } catch (e) {
      // A lapsed claim cannot be released, but the expert is done with it either way.
      setMessage({ tone: 'warning', text: errorMessage(e) });
    } finally {
      setCurrent(null);
      setBusyId(null);
      void queue.reload();
    }
  }

  useSocketEvent('review:changed', (e) => {
    if (current && e.reviewId === current.id && e.status === 'claimed' && !isMe(e.claimedBy, user)) {
      setCurrent(null);
      setMessage({ tone: 'warning', text: 'Your claim on that review lapsed and another expert took it.' });
    }
  });

  return (
    <main className="main-column main-wide">
      {message && (
        <Notice tone={message.tone} action={<button type="button" className="link-button" onClick={() => setMessage(null)}>Dismiss</button>}>
          {message.text}
        </Notice>
      )}
      {queue.error !== null && !current && <Notice tone="error">{errorMessage(queue.error)}</Notice>}
      {current ? (
        <>
          <button type="button" className="link-button back-link" onClick={() => void release()} disabled={busyId !== null}>
            ← Back to queue (releases the claim)
          </button>
          <ReviewDetailView review={current} onSettle={(l, n) => void settle(l, n)} onRelease={() => void release()} busy={busyId !== null} now={now} />
        </>
      ) : (
        <ReviewQueue reviews={queue.data} onOpen={(r) => void open(r)} busyId={busyId} now={now} />
      )}
    </main>
  );
}
