import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { fixQuarantinedRow, listQuarantine, releaseQuarantinedRow, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function quarantineRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listQuarantine, async ({ caller, params, query }) => ({ rows: await listQuarantine(ctx, caller, params.projectId, query.status) }));
  defineRoute(router, ctx, ROUTES.releaseQuarantinedRow, async ({ caller, params, body }) => ({ row: await releaseQuarantinedRow(ctx, caller, params.rowId, body.note) }));
  defineRoute(router, ctx, ROUTES.fixQuarantinedRow, async ({ caller, params, body }) => ({ row: await fixQuarantinedRow(ctx, caller, params.rowId, body) }));
}
