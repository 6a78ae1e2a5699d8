import type { Router } from 'express';
import { jobIds, ROUTES } from '@quorum/contracts';
import { addMember, createProject, getProject, listProjects, poolView, projectForMember, stageCounts, updateProject, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';
import { ingestRoutes } from './ingest-samples';

export function projectRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listProjects, async ({ caller }) => ({ projects: await listProjects(ctx, caller) }));
  defineRoute(router, ctx, ROUTES.createProject, async ({ caller, body }) => ({ project: await createProject(ctx, caller, body) }));
  defineRoute(router, ctx, ROUTES.getProject, async ({ caller, params }) => ({ project: await getProject(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.addMember, async ({ caller, params, body }) => ({ user: await addMember(ctx, caller, params.projectId, body.email) }));
  defineRoute(router, ctx, ROUTES.stageCounts, async ({ caller, params }) => {
    await projectForMember(ctx.db, caller.id, params.projectId);
    return { counts: await stageCounts(ctx.db, params.projectId) };
  });
  ingestRoutes(router, ctx);
  defineRoute(router, ctx, ROUTES.runSelection, async ({ caller, params }) => {
    await projectForMember(ctx.db, caller.id, params.projectId);
    const jobId = jobIds.selectItems(params.projectId);
    await ctx.jobs.enqueue([{ name: 'select-items', payload: { projectId: params.projectId }, opts: { dedupeId: jobId } }]);
    return { jobId };
  });
  defineRoute(router, ctx, ROUTES.updateProject, async ({ caller, params, body }) => ({ project: await updateProject(ctx, caller, params.projectId, body) }));
  defineRoute(router, ctx, ROUTES.projectPool, async ({ caller, params, query }) => poolView(ctx, caller, params.projectId, query));
}
