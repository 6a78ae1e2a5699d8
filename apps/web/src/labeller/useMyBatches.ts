import type { TBatchOutcome } from '@quorum/contracts';
import { useEffect } from 'react';
import { api } from '../api/endpoints';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

/** The caller's batch outcomes, kept live by `batch:decided` and `appeal:resolved`. */
export function useMyBatches(projectId: string) {
  const res = useResource(`my-batches:${projectId}`, () => api.listMyBatches().then((bs) => bs.filter((b) => b.projectId === projectId)));
  const { reload } = res;

  useSocketEvent('batch:decided', (e) => {
    if (e.projectId !== projectId) return;
    // Show the outcome at once, then take the server's row (decidedAt, itemCount) when it comes.
    const decidedAt = new Date().toISOString();
    res.setData((prev) => prev?.map((b) => (b.id === e.batchId ? { ...b, status: e.status, reasons: e.reasons, decidedAt } : b)));
    void reload();
  });
  useSocketEvent('appeal:resolved', (e) => {
    if (e.projectId === projectId) void reload();
  });
  useOnReconnect(() => void reload());

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  /** Puts a batch we just learned about (e.g. the submit answer) into the list. */
  const upsert = (batch: TBatchOutcome) =>
    res.setData((prev) => {
      const rest = (prev ?? []).filter((b) => b.id !== batch.id);
      return [batch, ...rest];
    });

  return { ...res, upsert };
}
