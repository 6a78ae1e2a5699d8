import type { Router } from 'express';
import type { Pool } from 'pg';
import { ROUTES } from '@quorum/contracts';
import { datasetCard, exportPlan, exportVersionTo, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function datasetExportRoutes(router: Router, ctx: ServiceContext, pool: Pool): void {
  defineRoute(router, ctx, ROUTES.exportDatasetVersion, async ({ caller, params, query, req, res }) => {
    const plan = await exportPlan(ctx, caller, params.versionId, query.format, query.split);
    res.status(200);
    res.setHeader('Content-Type', plan.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${plan.filename}"`);
    res.setHeader('X-Content-Hash', plan.contentHash);
    res.setHeader('X-Row-Count', String(plan.rowCount));
    try {
      await exportVersionTo(pool, plan, res);
    } catch (err) {
      // The status is sent; all that is left is to cut the response short, so the client sees
      // a broken download (no final chunk) instead of a file that merely looks complete.
      req.log?.warn({ err }, 'export stopped');
      res.destroy();
    }
  });
  defineRoute(router, ctx, ROUTES.datasetCard, async ({ caller, params, query, res }) => {
    const card = await datasetCard(ctx, caller, params.versionId, query.format);
    res.status(200).type(card.contentType).send(card.body);
  });
}
