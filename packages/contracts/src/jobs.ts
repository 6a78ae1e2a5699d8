/** BullMQ queue name, job payloads and deterministic deduplication ids (no ':' — BullMQ reserves it).
 *  Every job is idempotent, so a duplicate that slips through only repeats a no-op. */
export const QUEUE = 'quorum';

export type JobPayloads = {
  'select-items': { projectId: string };
  /** The schedule: enqueue select-items for every project with room in its budget and samples in its pool. */
  'select-due': Record<string, never>;
  /** Re-score the project's pool under its (changed) selection strategy. */
  'recompute-uncertainty': { projectId: string };
  'score-batch': { batchId: string };
  'aggregate-item': { itemId: string };
  'merge-dataset': { projectId: string };
  /** Refit the project's aggregation model over every accepted label and re-aggregate what may
   *  change: when enough labels are new, or (`scheduled`) when anything is. */
  'reaggregate-project': { projectId: string; scheduled?: boolean };
  /** The schedule: enqueue reaggregate-project for every project with labels newer than its model. */
  'reaggregate-stale': Record<string, never>;
  'sweep-leases': Record<string, never>;
  'reconcile': Record<string, never>;
};
export type JobName = keyof JobPayloads;

export const jobIds = {
  scoreBatch: (batchId: string) => `score-batch-${batchId}`,
  aggregateItem: (itemId: string) => `aggregate-item-${itemId}`,
  selectItems: (projectId: string) => `select-items-${projectId}`,
  recomputeUncertainty: (projectId: string) => `recompute-uncertainty-${projectId}`,
  mergeDataset: (projectId: string) => `merge-dataset-${projectId}`,
  reaggregateProject: (projectId: string) => `reaggregate-project-${projectId}`,
};
