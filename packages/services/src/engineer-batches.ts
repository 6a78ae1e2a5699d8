import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError, type TEngineerBatch, type TUser } from '@quorum/contracts';
import { appeal, batch, user, type DbOrTx } from '@quorum/db';
import type { ServiceContext } from './context';
import { batchOutcome } from './batch-view';
import { projectForMember } from './projects';

const overrider = alias(user, 'overrider');

function engineerBatchQuery(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      b: batch,
      n: sql<number>`(select count(*)::int from assignment a where a.batch_id = "batch"."id")`,
      labeller: { id: user.id, displayName: user.displayName, email: user.email },
      overriderEmail: overrider.email,
      appeal: { status: appeal.status, message: appeal.message, resolutionNote: appeal.resolutionNote },
    })
    .from(batch)
    .innerJoin(user, eq(user.id, batch.labellerId))
    .leftJoin(overrider, eq(overrider.id, batch.overriddenBy))
    .leftJoin(appeal, eq(appeal.batchId, batch.id))
    .where(where)
    .orderBy(desc(batch.createdAt));
}

type Row = Awaited<ReturnType<typeof engineerBatchQuery>>[number];

function toEngineerBatch(r: Row): TEngineerBatch {
  return {
    ...batchOutcome(r.b, r.n, r.appeal?.status ? { status: r.appeal.status, resolutionNote: r.appeal.resolutionNote } : null),
    labeller: r.labeller,
    posteriorSpam: r.b.posteriorSpam,
    evidence: r.b.evidence ?? null,
    override: r.b.overriddenAt && r.overriderEmail ? { by: r.overriderEmail, at: r.b.overriddenAt.toISOString(), note: r.b.overrideNote ?? '' } : null,
    appealMessage: r.appeal?.message ?? null,
  };
}

export async function listProjectBatches(ctx: ServiceContext, caller: TUser, projectId: string, filter: { status: string; labellerId?: string }): Promise<TEngineerBatch[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const conditions = [eq(batch.projectId, projectId)];
  if (filter.status !== 'all') conditions.push(sql`${batch.status} = ${filter.status}`);
  if (filter.labellerId) conditions.push(eq(batch.labellerId, filter.labellerId));
  const rows = await engineerBatchQuery(ctx.db, and(...conditions)).limit(500);
  return rows.map(toEngineerBatch);
}

/** A batch for an engineer of its project, or not_found. */
export async function engineerBatch(db: DbOrTx, caller: TUser, batchId: string): Promise<TEngineerBatch> {
  const [r] = await engineerBatchQuery(db, eq(batch.id, batchId));
  if (!r) throw new AppError('not_found', 'no such batch');
  await projectForMember(db, caller.id, r.b.projectId);
  return toEngineerBatch(r);
}
