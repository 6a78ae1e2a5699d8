/** BullMQ queue name, job payloads and deterministic deduplication ids (no ':' — BullMQ reserves it).
 *  Every job is idempotent, so a duplicate that slips through only repeats a no-op. */
export const QUEUE = 'quorum';

export type JobPayloads = {
  'select-items': { projectId: string };
  'score-batch': { batchId: string };
  'aggregate-item': { itemId: string };
  'merge-dataset': { projectId: string };
  'sweep-leases': Record<string, never>;
  'reconcile': Record<string, never>;
};
export type JobName = keyof JobPayloads;

export const jobIds = {
  scoreBatch: (batchId: string) => `score-batch-${batchId}`,
  aggregateItem: (itemId: string) => `aggregate-item-${itemId}`,
  selectItems: (projectId: string) => `select-items-${projectId}`,
  mergeDataset: (projectId: string) => `merge-dataset-${projectId}`,
};
