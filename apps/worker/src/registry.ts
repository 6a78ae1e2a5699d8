import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { JobName } from '@quorum/contracts';
import {
  aggregateItem,
  enqueueDueSelections,
  enqueueStaleReaggregations,
  mergeDataset,
  reaggregateProject,
  reconcile,
  recomputePoolUncertainty,
  scoreSubmittedBatch,
  selectItems,
  sweepExpiredLeases,
  sweepExpiredReviewClaims,
  type ServiceContext,
} from '@quorum/services';

const ZProject = z.object({ projectId: z.uuid() });
const ZReaggregate = ZProject.extend({ scheduled: z.boolean().optional() });
const ZBatch = z.object({ batchId: z.uuid() });
const ZItem = z.object({ itemId: z.uuid() });
const ZNone = z.object({}).passthrough();

type Processor = (ctx: ServiceContext, data: unknown) => Promise<unknown>;

/** A payload that fails its check will fail again on retry: give up at once. */
function payload<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.message}`);
  return parsed.data;
}

/** Job name → processor. Each is a thin call into an idempotent service. */
export const processors: Record<JobName, Processor> = {
  'select-items': (ctx, data) => selectItems(ctx, payload(ZProject, data).projectId),
  'select-due': (ctx, data) => (payload(ZNone, data), enqueueDueSelections(ctx)),
  'recompute-uncertainty': (ctx, data) => recomputePoolUncertainty(ctx, payload(ZProject, data).projectId),
  'score-batch': (ctx, data) => scoreSubmittedBatch(ctx, payload(ZBatch, data).batchId),
  'aggregate-item': (ctx, data) => aggregateItem(ctx, payload(ZItem, data).itemId),
  'merge-dataset': (ctx, data) => mergeDataset(ctx, payload(ZProject, data).projectId),
  'reaggregate-project': (ctx, data) => {
    const p = payload(ZReaggregate, data);
    return reaggregateProject(ctx, p.projectId, { scheduled: p.scheduled ?? false });
  },
  'reaggregate-stale': (ctx, data) => (payload(ZNone, data), enqueueStaleReaggregations(ctx)),
  // Both kinds of lease: labellers' assignments and experts' review claims.
  'sweep-leases': async (ctx, data) => (payload(ZNone, data), { ...(await sweepExpiredLeases(ctx)), ...(await sweepExpiredReviewClaims(ctx)) }),
  reconcile: (ctx, data) => (payload(ZNone, data), reconcile(ctx)),
};
