import type { TReviewSummary, TUser } from '@quorum/contracts';
import { useRef } from 'react';
import { api } from '../api/endpoints';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

/** `review:changed.claimedBy` is not pinned down by the contract; accept the user's id or email. */
export const isMe = (claimedBy: string | null, user: TUser) => claimedBy !== null && (claimedBy === user.id || claimedBy === user.email);

/** Claims of mine first, then oldest first. */
export const queueOrder = (a: TReviewSummary, b: TReviewSummary) => Number(b.claimedByMe) - Number(a.claimedByMe) || a.createdAt.localeCompare(b.createdAt);

/**
 * The open review queue for one project. A review claimed by someone else or settled leaves the
 * list at once; then the list is refetched (coalesced) to pick up new and released reviews.
 */
export function useReviewQueue(projectId: string, isMe: (claimedBy: string | null) => boolean) {
  const res = useResource(`reviews:${projectId}`, () => api.listReviews(projectId).then((rs) => [...rs].sort(queueOrder)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reloadSoon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void res.reload(), 250);
  };

  useSocketEvent('review:changed', (e) => {
    if (e.projectId !== projectId) return;
    const gone = e.status === 'settled' || (e.status === 'claimed' && !isMe(e.claimedBy));
    if (gone) res.setData((prev) => prev?.filter((r) => r.id !== e.reviewId));
    reloadSoon();
  });
  useOnReconnect(() => void res.reload());

  const remove = (reviewId: string) => res.setData((prev) => prev?.filter((r) => r.id !== reviewId));
  return { ...res, remove };
}
