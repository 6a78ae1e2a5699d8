import { useEffect } from 'react';
import { useCoalesced } from '../../components/useCoalesced';
import { useResource } from '../../components/useResource';
import { useOnReconnect, useSocketEvent } from '../../socket';
import { cockpitApi, type LabellerQuery } from './api';

/** At most one refetch per this many ms however fast events come: a busy crowd sends a
 *  `stats:updated` per batch asked for, scored and aggregated, and the pipeline needs to look
 *  live, not to count each one. The heavier panels (a pass over every aggregate or label of the
 *  project) refresh less eagerly: their figures move slowly. */
export const COCKPIT_REFRESH_MS = 1500;
export const COCKPIT_SLOW_REFRESH_MS = 15_000;
/** Rates and stuck work change with time alone: refetch this often even without events. */
export const COCKPIT_POLL_MS = 30_000;

/** Refetches on the project's socket events (coalesced), on reconnect and on a slow poll. */
function useLive<T>(key: string, projectId: string, fetcher: () => Promise<T>, refreshMs: number, events: readonly ('stats:updated' | 'labeller:changed')[] = ['stats:updated']) {
  const res = useResource(key, fetcher);
  const refresh = useCoalesced(() => void res.reload(), refreshMs);
  const onEvent = (e: { projectId: string }) => {
    if (e.projectId === projectId) refresh();
  };
  useSocketEvent('stats:updated', (e) => events.includes('stats:updated') && onEvent(e));
  useSocketEvent('labeller:changed', (e) => events.includes('labeller:changed') && onEvent(e));
  useOnReconnect(() => void res.reload());
  const { reload } = res;
  useEffect(() => {
    const t = setInterval(() => void reload(), COCKPIT_POLL_MS);
    return () => clearInterval(t);
  }, [reload]);
  return res;
}

export const usePipeline = (projectId: string) => useLive(`cockpit-pipeline:${projectId}`, projectId, () => cockpitApi.pipeline(projectId), COCKPIT_REFRESH_MS);
export const useQuality = (projectId: string, days: number) => useLive(`cockpit-quality:${projectId}:${days}`, projectId, () => cockpitApi.quality(projectId, days), COCKPIT_SLOW_REFRESH_MS);
export const useCost = (projectId: string) => useLive(`cockpit-cost:${projectId}`, projectId, () => cockpitApi.cost(projectId), COCKPIT_SLOW_REFRESH_MS);

/** One page of the labellers table; a labeller's change (reliability, pause, appeal) refetches it. */
export const useLabellerPage = (projectId: string, q: LabellerQuery) =>
  useLive(`cockpit-labellers:${projectId}:${q.sort}:${q.order}:${q.page}:${q.pageSize}`, projectId, () => cockpitApi.labellers(projectId, q), 2 * COCKPIT_REFRESH_MS, [
    'stats:updated',
    'labeller:changed',
  ]);
