import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { getBatch, listMyBatches, recordLabel, requestBatch, submitBatch, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function batchRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.requestBatch, async ({ caller, params }) => ({ batch: await requestBatch(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.listMyBatches, async ({ caller }) => ({ batches: await listMyBatches(ctx, caller) }));
  defineRoute(router, ctx, ROUTES.getBatch, async ({ caller, params }) => ({ batch: await getBatch(ctx, caller, params.batchId) }));
  defineRoute(router, ctx, ROUTES.recordLabel, async ({ caller, params, body }) => ({ assignment: await recordLabel(ctx, caller, params.assignmentId, body) }));
  defineRoute(router, ctx, ROUTES.submitBatch, async ({ caller, params }) => ({ batch: await submitBatch(ctx, caller, params.batchId) }));
}
