import { eq } from 'drizzle-orm';
import { AppError, type TProject, type TUser } from '@quorum/contracts';
import { projectConfigPatchParse, type TProjectConfig } from '@quorum/core';
import { project } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { projectForMember, toProject } from './projects';
import { recomputeUncertaintyJob } from './selection/recompute-uncertainty';
import { selectItemsJob } from './selection/select-due';

function badRequest(field: string, message: string): AppError {
  return new AppError('bad_request', `${field}: ${message}`, field, [{ field, message }]);
}

function parsePatch(input: Record<string, unknown>): { name?: string; patch: Partial<TProjectConfig> } {
  const { name, ...rest } = input;
  // Samples, labels, aggregates and dataset rows all speak the project's label set.
  if ('labels' in rest) throw badRequest('labels', 'labels cannot change once the project exists; create a new project');
  const parsed = (() => {
    try {
      return { ok: true as const, patch: projectConfigPatchParse(rest) };
    } catch (err) {
      return { ok: false as const, err };
    }
  })();
  if (!parsed.ok) {
    const issues = (parsed.err as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    const details = issues.map((i) => ({ field: i.path.length > 0 ? i.path.map(String).join('.') : '(body)', message: i.message }));
    const first = details[0] ?? { field: '(body)', message: 'invalid settings' };
    throw new AppError('bad_request', `${first.field}: ${first.message}`, first.field, details);
  }
  return { name: typeof name === 'string' ? name : undefined, patch: parsed.patch };
}

/**
 * Changes a project's settings: each given field is checked as on creation, and the rest stay as
 * they are. Side effects that keep the pipeline consistent follow the commit: a new selection
 * strategy re-scores the pool (recompute-uncertainty, which then tops up), and otherwise more room in the budget or the per-run
 * cap tops up the open items now rather than at the next scheduled run.
 */
export async function updateProject(ctx: ServiceContext, caller: TUser, projectId: string, input: Record<string, unknown>): Promise<TProject> {
  const { name, patch } = parsePatch(input);
  return inTransaction(ctx, async (tx, out) => {
    await projectForMember(tx, caller.id, projectId);
    const [before] = await tx.select().from(project).where(eq(project.id, projectId)).for('update');
    const next = { ...before!, ...patch };
    // The spam test's band must stay open (project_spam_thresholds_ordered), whichever side moved.
    if (next.acceptBelow >= next.rejectAbove) {
      throw badRequest('acceptBelow' in patch ? 'acceptBelow' : 'rejectAbove', `acceptBelow (${next.acceptBelow}) must be below rejectAbove (${next.rejectAbove})`);
    }
    const changes = { ...patch, ...(name !== undefined ? { name } : {}) };
    if (Object.keys(changes).length === 0) return toProject(before!);
    const [row] = await tx.update(project).set(changes).where(eq(project.id, projectId)).returning();
    // Re-scoring tops up when it is done; topping up first would rank by the old strategy.
    if (row!.selectionStrategy !== before!.selectionStrategy) out.job(recomputeUncertaintyJob(projectId));
    else if (row!.openItemBudget > before!.openItemBudget || row!.selectPerRun > before!.selectPerRun) out.job(selectItemsJob(projectId));
    return toProject(row!);
  });
}
