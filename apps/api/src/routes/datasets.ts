import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Router } from 'express';
import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import { jobIds, ROUTES } from '@quorum/contracts';
import { decideDatasetVersion, EXPORT_ROWS_SQL, exportableVersion, getDatasetVersion, listDatasetVersions, projectForMember, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function datasetRoutes(router: Router, ctx: ServiceContext, pool: Pool): void {
  defineRoute(router, ctx, ROUTES.listDatasetVersions, async ({ caller, params }) => ({ versions: await listDatasetVersions(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.runMerge, async ({ caller, params }) => {
    await projectForMember(ctx.db, caller.id, params.projectId);
    const jobId = jobIds.mergeDataset(params.projectId);
    await ctx.jobs.enqueue([{ name: 'merge-dataset', payload: { projectId: params.projectId }, opts: { dedupeId: jobId } }]);
    return { jobId };
  });
  defineRoute(router, ctx, ROUTES.getDatasetVersion, async ({ caller, params }) => ({ version: await getDatasetVersion(ctx, caller, params.versionId) }));
  defineRoute(router, ctx, ROUTES.approveDatasetVersion, async ({ caller, params, body }) => ({ version: await decideDatasetVersion(ctx, caller, params.versionId, 'approved', body.note) }));
  defineRoute(router, ctx, ROUTES.rejectDatasetVersion, async ({ caller, params, body }) => ({ version: await decideDatasetVersion(ctx, caller, params.versionId, 'rejected', body.note) }));
  defineRoute(router, ctx, ROUTES.exportDatasetVersion, async ({ caller, params, res }) => {
    const version = await exportableVersion(ctx, caller, params.versionId);
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="dataset-v${version.number}-${version.contentHash.slice(0, 12)}.jsonl"`);
    res.setHeader('X-Content-Hash', version.contentHash);
    // A server-side cursor keeps memory flat whatever the version's size.
    const client = await pool.connect();
    try {
      const rows = client.query(new QueryStream(EXPORT_ROWS_SQL, [version.id], { batchSize: 1000 }));
      const toLines = new Transform({ writableObjectMode: true, transform: (row: { line: string }, _enc, done) => done(null, `${row.line}\n`) });
      await pipeline(rows, toLines, res);
    } finally {
      client.release();
    }
  });
}
