import type { TEngineerBatch } from '@quorum/contracts';
import { api } from '../api/endpoints';
import { useCoalesced } from '../components/useCoalesced';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

/** Labellers with reliability and outcomes, refetched (coalesced) on every `labeller:changed`. */
export function useLabellers(projectId: string) {
  const res = useResource(`labellers:${projectId}`, () => api.listLabellers(projectId));
  const reload = useCoalesced(() => void res.reload());
  useSocketEvent('labeller:changed', (e) => {
    if (e.projectId === projectId) reload();
  });
  useOnReconnect(() => void res.reload());
  return res;
}

/** One labeller's batches with their evidence, refetched when that labeller changes. */
export function useLabellerBatches(projectId: string, labellerId: string | null) {
  const res = useResource(labellerId ? `labeller-batches:${projectId}:${labellerId}` : null, () => api.listLabellerBatches(projectId, labellerId ?? ''));
  const reload = useCoalesced(() => void res.reload());
  useSocketEvent('labeller:changed', (e) => {
    if (labellerId && e.projectId === projectId && e.labellerId === labellerId) reload();
  });
  useOnReconnect(() => {
    if (labellerId) void res.reload();
  });
  return res;
}

/** Open appeals and, for each, its batch with the evidence (the appeal itself carries only the ids). */
export function useOpenAppeals(projectId: string) {
  const res = useResource(`appeals:${projectId}`, async () => {
    const appeals = await api.listOpenAppeals(projectId);
    const found = await Promise.all(appeals.map((a) => api.getBatchEvidence(a.batchId).catch(() => null)));
    const batches: Record<string, TEngineerBatch> = {};
    for (const b of found) if (b) batches[b.id] = b;
    return { appeals, batches };
  });
  const reload = useCoalesced(() => void res.reload());
  useSocketEvent('labeller:changed', (e) => {
    if (e.projectId === projectId) reload();
  });
  useOnReconnect(() => void res.reload());
  return res;
}
