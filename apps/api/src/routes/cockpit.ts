import type { Router } from 'express';
import type { Queue } from 'bullmq';
import { ROUTES } from '@quorum/contracts';
import { cockpitCost, cockpitLabellers, cockpitPipeline, cockpitQuality, type CockpitQueueProbe, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

/** The engineer's cockpit: one read per panel. The queue, when the app has one, adds job counts
 *  (failed jobs are stuck work) to the pipeline panel. */
export function cockpitRoutes(router: Router, ctx: ServiceContext, queue?: Queue): void {
  const probe: CockpitQueueProbe | undefined = queue
    ? async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        // Prioritized jobs wait too; BullMQ only keeps them in a list of their own.
        return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
      }
    : undefined;
  defineRoute(router, ctx, ROUTES.cockpitPipeline, async ({ caller, params }) => cockpitPipeline(ctx, caller, params.projectId, probe));
  defineRoute(router, ctx, ROUTES.cockpitQuality, async ({ caller, params, query }) => cockpitQuality(ctx, caller, params.projectId, query));
  defineRoute(router, ctx, ROUTES.cockpitLabellers, async ({ caller, params, query }) => cockpitLabellers(ctx, caller, params.projectId, query));
  defineRoute(router, ctx, ROUTES.cockpitCost, async ({ caller, params }) => cockpitCost(ctx, caller, params.projectId));
}
