import type { Router } from 'express';
import { jobIds, ROUTES } from '@quorum/contracts';
import { addMember, createProject, getProject, ingestSamples, listProjects, projectForMember, stageCounts, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function projectRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listProjects, async ({ caller }) => ({ projects: await listProjects(ctx, caller) }));
  defineRoute(router, ctx, ROUTES.createProject, async ({ caller, body }) => ({ project: await createProject(ctx, caller, body) }));
  defineRoute(router, ctx, ROUTES.getProject, async ({ caller, params }) => ({ project: await getProject(ctx, caller, params.projectId) }));
  defineRoute(router, ctx, ROUTES.addMember, async ({ caller, params, body }) => ({ user: await addMember(ctx, caller, params.projectId, body.email) }));
  defineRoute(router, ctx, ROUTES.stageCounts, async ({ caller, params }) => {
    await projectForMember(ctx.db, caller.id, params.projectId);
    return { counts: await stageCounts(ctx.db, params.projectId) };
  });
  defineRoute(router, ctx, ROUTES.ingestSamples, async ({ caller, params, body }) => ingestSamples(ctx, caller, params.projectId, body));
  defineRoute(router, ctx, ROUTES.runSelection, async ({ caller, params }) => {
    await projectForMember(ctx.db, caller.id, params.projectId);
    const jobId = jobIds.selectItems(params.projectId);
    await ctx.jobs.enqueue([{ name: 'select-items', payload: { projectId: params.projectId }, opts: { dedupeId: jobId } }]);
    return { jobId };
  });
}
