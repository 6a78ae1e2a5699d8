import type { Router } from 'express';
import type { Pool } from 'pg';
import { jobIds, ROUTES } from '@quorum/contracts';
import { decideDatasetVersion, diffDatasetVersion, getDatasetVersion, listDatasetVersions, mergeRequestCheck, type ServiceContext } from '@quorum/services';
import { datasetExportRoutes } from './dataset-export';
import { defineRoute } from './define';
import { quarantineRoutes } from './quarantine';

export function datasetRoutes(router: Router, ctx: ServiceContext, pool: Pool): void {
  defineRoute(router, ctx, ROUTES.listDatasetVersions, async ({ caller, params }) => ({ versions: await listDatasetVersions(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.runMerge, async ({ caller, params }) => {
    await mergeRequestCheck(ctx, caller, params.projectId);
    const jobId = jobIds.mergeDataset(params.projectId);
    await ctx.jobs.enqueue([{ name: 'merge-dataset', payload: { projectId: params.projectId }, opts: { dedupeId: jobId } }]);
    return { jobId };
  });
  defineRoute(router, ctx, ROUTES.getDatasetVersion, async ({ caller, params }) => ({ version: await getDatasetVersion(ctx, caller, params.versionId) }));
  defineRoute(router, ctx, ROUTES.approveDatasetVersion, async ({ caller, params, body }) => ({ version: await decideDatasetVersion(ctx, caller, params.versionId, 'approved', body.note) }));
  defineRoute(router, ctx, ROUTES.rejectDatasetVersion, async ({ caller, params, body }) => ({ version: await decideDatasetVersion(ctx, caller, params.versionId, 'rejected', body.note) }));
  defineRoute(router, ctx, ROUTES.diffDatasetVersion, async ({ caller, params, query }) => diffDatasetVersion(ctx, caller, params.versionId, query));
  datasetExportRoutes(router, ctx, pool);
  quarantineRoutes(router, ctx);
}
