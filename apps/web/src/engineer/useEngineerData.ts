import { api } from '../api/endpoints';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

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
export function useDatasetVersions(projectId: string, onChanged?: () => void) {
  const res = useResource(`versions:${projectId}`, () => api.listDatasetVersions(projectId));
  useSocketEvent('dataset-version:changed', (e) => {
    if (e.projectId !== projectId) return;
    void res.reload();
    onChanged?.();
  });
  useOnReconnect(() => void res.reload());
  return res;
}

export function useTokens() {
  return useResource('tokens', () => api.listTokens());
}
