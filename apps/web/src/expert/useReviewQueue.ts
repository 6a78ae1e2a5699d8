import type { TReviewSummary } from '@quorum/contracts';
import { useRef } from 'react';
import { api, type ReviewFilters } from '../api/endpoints';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

/**
 * The open review queue for one project, as the server ranks it. A review another expert claims,
 * or that is settled, leaves the list the moment the event arrives; then the list is refetched
 * (coalesced) to pick up new escalations, released and expired claims in their ranked place.
 * `holds(id)`: reviews this screen holds or is claiming are kept, since their events are its own.
 */
export function useReviewQueue(projectId: string, filters: ReviewFilters, holds: (reviewId: string) => boolean) {
  const key = `reviews:${projectId}:${JSON.stringify(filters)}`;
  const res = useResource<{ reviews: TReviewSummary[]; total: number }>(key, () => api.listReviews(projectId, filters));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reloadSoon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void res.reload(), 250);
  };
  const remove = (reviewId: string) =>
    res.setData((prev) => (prev && prev.reviews.some((r) => r.id === reviewId) ? { reviews: prev.reviews.filter((r) => r.id !== reviewId), total: prev.total - 1 } : prev));

  useSocketEvent('review:changed', (e) => {
    if (e.projectId !== projectId) return;
    if ((e.status === 'claimed' || e.status === 'settled') && !holds(e.reviewId)) remove(e.reviewId);
    reloadSoon();
  });
  useOnReconnect(() => void res.reload());

  return { reviews: res.data?.reviews, total: res.data?.total, error: res.error, reload: res.reload, remove };
}
