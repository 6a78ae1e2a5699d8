import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import {
  appealBatch,
  engineerBatch,
  listAppeals,
  listLabellers,
  listProjectBatches,
  overrideBatch,
  resolveAppeal,
  unpauseLabeller,
  type ServiceContext,
} from '@quorum/services';
import { defineRoute } from './define';

export function reliabilityRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.appealBatch, async ({ caller, params, body }) => ({ batch: await appealBatch(ctx, caller, params.batchId, body.message) }));
  defineRoute(router, ctx, ROUTES.listLabellers, async ({ caller, params }) => ({ labellers: await listLabellers(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.unpauseLabeller, async ({ caller, params }) => ({ labeller: await unpauseLabeller(ctx, caller, params.projectId, params.userId) }));
  defineRoute(router, ctx, ROUTES.listProjectBatches, async ({ caller, params, query }) => ({ batches: await listProjectBatches(ctx, caller, params.projectId, query) }));
  defineRoute(router, ctx, ROUTES.getBatchEvidence, async ({ caller, params }) => ({ batch: await engineerBatch(ctx.db, caller, params.batchId) }));
  defineRoute(router, ctx, ROUTES.overrideBatch, async ({ caller, params, body }) => ({ batch: await overrideBatch(ctx, caller, params.batchId, body.decision, body.note) }));
  defineRoute(router, ctx, ROUTES.listAppeals, async ({ caller, params, query }) => ({ appeals: await listAppeals(ctx, caller, params.projectId, query.status) }));
  defineRoute(router, ctx, ROUTES.resolveAppeal, async ({ caller, params, body }) => ({ appeal: await resolveAppeal(ctx, caller, params.appealId, body.decision, body.note) }));
}
