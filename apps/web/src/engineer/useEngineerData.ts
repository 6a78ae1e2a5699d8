import { api } from '../api/endpoints';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';
import type { QuarantineStatus } from './datasetTypes';

/** Stage counts: fetched once, then replaced by every `stats:updated`. */
export function useStageCounts(projectId: string) {
  const res = useResource(`stats:${projectId}`, () => api.stageCounts(projectId));
  useSocketEvent('stats:updated', (e) => {
    if (e.projectId === projectId) res.setData(() => e.counts);
  });
  useOnReconnect(() => void res.reload());
  return res;
}

/** Dataset versions, refetched on `dataset-version:changed` (the event carries only ids). */
export function useDatasetVersions(projectId: string) {
  const res = useResource(`versions:${projectId}`, () => api.listDatasetVersions(projectId));
  useSocketEvent('dataset-version:changed', (e) => {
    if (e.projectId === projectId) void res.reload();
  });
  useOnReconnect(() => void res.reload());
  return res;
}

export function useTokens() {
  return useResource('tokens', () => api.listTokens());
}

/**
 * The project's quarantined rows with one status. A merge quarantines rows, so each
 * `dataset-version:changed` refetches; `enabled` false skips fetching (the caller has the list).
 */
export function useQuarantine(projectId: string, status: QuarantineStatus | 'all', enabled = true) {
  const res = useResource(enabled ? `quarantine:${projectId}:${status}` : null, () => api.listQuarantine(projectId, status));
  useSocketEvent('dataset-version:changed', (e) => {
    if (enabled && e.projectId === projectId) void res.reload();
  });
  useOnReconnect(() => {
    if (enabled) void res.reload();
  });
  return res;
}
