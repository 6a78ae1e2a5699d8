import { and, asc, eq } from 'drizzle-orm';
import { AppError, type TProject, type TProjectSummary, type TUser } from '@quorum/contracts';
import { ZProjectConfig } from '@quorum/core';
import { project, projectMember, type DbOrTx } from '@quorum/db';
import type { ServiceContext } from './context';
import { findUserByEmail } from './users';

export type ProjectRow = typeof project.$inferSelect;

export const toProjectSummary = (p: ProjectRow): TProjectSummary => ({ id: p.id, name: p.name, labels: p.labels, batchSize: p.batchSize });
export const toProject = (p: ProjectRow): TProject => ({
  ...toProjectSummary(p),
  overlap: p.overlap,
  goldRatio: p.goldRatio,
  aggregationMethod: p.aggregationMethod,
  escalateBelowPosterior: p.escalateBelowPosterior,
  openItemBudget: p.openItemBudget,
  selectionStrategy: p.selectionStrategy,
  selectPerRun: p.selectPerRun,
  leaseMinutes: p.leaseMinutes,
  maxTextLength: p.maxTextLength,
  minAccuracy: p.minAccuracy,
  rejectAbove: p.rejectAbove,
  acceptBelow: p.acceptBelow,
  maxWaitMinutes: p.maxWaitMinutes,
  readingTimeScale: p.readingTimeScale,
  goldFromConsensus: p.goldFromConsensus,
  splitRatios: p.splitRatios,
  nearDuplicateThreshold: p.nearDuplicateThreshold,
  labelDriftThreshold: p.labelDriftThreshold,
  symmetricPairs: p.symmetricPairs,
  createdAt: p.createdAt.toISOString(),
});

/** The project if the user belongs to it. Anything else is "not found": a stranger learns nothing. */
export async function projectForMember(db: DbOrTx, userId: string, projectId: string): Promise<ProjectRow> {
  const [row] = await db
    .select({ project })
    .from(project)
    .innerJoin(projectMember, and(eq(projectMember.projectId, project.id), eq(projectMember.userId, userId)))
    .where(eq(project.id, projectId));
  if (!row) throw new AppError('not_found', 'no such project');
  return row.project;
}

export async function listProjects(ctx: ServiceContext, caller: TUser): Promise<TProjectSummary[]> {
  const rows = await ctx.db
    .select({ project })
    .from(project)
    .innerJoin(projectMember, eq(projectMember.projectId, project.id))
    .where(eq(projectMember.userId, caller.id))
    .orderBy(asc(project.createdAt));
  return rows.map((r) => toProjectSummary(r.project));
}

export async function createProject(ctx: ServiceContext, caller: TUser, input: { name: string } & Record<string, unknown>): Promise<TProject> {
  const { name, ...rest } = input;
  // The API contract checks each field; rules across fields (distinct labels) are the core's,
  // and their failure is the caller's mistake (400), not ours (500).
  const parsed = ZProjectConfig.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    throw new AppError('bad_request', `${field}: ${issue.message}`, field, parsed.error.issues.map((i) => ({ field: i.path.length > 0 ? i.path.join('.') : '(body)', message: i.message })));
  }
  const config = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(project).values({ name, ...config, createdBy: caller.id }).returning();
    await tx.insert(projectMember).values({ projectId: row!.id, userId: caller.id });
    return toProject(row!);
  });
}

export async function getProject(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TProject> {
  return toProject(await projectForMember(ctx.db, caller.id, projectId));
}

export async function addMember(ctx: ServiceContext, caller: TUser, projectId: string, email: string): Promise<TUser> {
  await projectForMember(ctx.db, caller.id, projectId);
  const member = await findUserByEmail(ctx.db, email);
  if (!member) throw new AppError('not_found', `no user with email ${email}`, 'email');
  await ctx.db.insert(projectMember).values({ projectId, userId: member.id }).onConflictDoNothing();
  return member;
}
