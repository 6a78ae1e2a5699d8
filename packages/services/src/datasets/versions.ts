import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, rooms, type TDatasetReport, type TDatasetVersion, type TUser } from '@quorum/contracts';
import { datasetRow, datasetVersion, quarantinedRow, user, type DbOrTx, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { stageCountsEvent } from '../stats';
import { lockLineage } from './lock';
import { OPEN } from './rows-sql';

export type VersionRow = typeof datasetVersion.$inferSelect;

const EMPTY_REPORT: TDatasetReport = { findingCounts: {}, quarantinedByCode: {}, drift: [], findings: [], findingsTotal: 0 };

export const toDatasetVersion = (v: VersionRow, decidedByName: string | null = null): TDatasetVersion => {
  const report = { ...EMPTY_REPORT, ...(v.report as Partial<TDatasetReport>) };
  return {
    id: v.id,
    projectId: v.projectId,
    number: v.number,
    parentId: v.parentId,
    status: v.status,
    contentHash: v.contentHash,
    rowCount: v.rowCount,
    addedCount: v.addedCount,
    removedCount: v.removedCount,
    relabelledCount: v.relabelledCount,
    quarantinedCount: v.quarantinedCount,
    counts: v.counts,
    report: { findingCounts: report.findingCounts, quarantinedByCode: report.quarantinedByCode, drift: report.drift, findings: report.findings, findingsTotal: report.findingsTotal },
    createdAt: v.createdAt.toISOString(),
    decidedBy: decidedByName,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decisionNote: v.decisionNote,
  };
};

/** The version if the caller belongs to its project; anything else is "not found". */
export async function versionForEngineer(db: DbOrTx, caller: TUser, versionId: string): Promise<VersionRow> {
  const [v] = await db.select().from(datasetVersion).where(eq(datasetVersion.id, versionId));
  if (!v) throw new AppError('not_found', 'no such dataset version');
  await projectForMember(db, caller.id, v.projectId);
  return v;
}

export async function withDecider(db: DbOrTx, v: VersionRow): Promise<TDatasetVersion> {
  if (!v.decidedBy) return toDatasetVersion(v);
  const [u] = await db.select({ name: user.displayName }).from(user).where(eq(user.id, v.decidedBy));
  return toDatasetVersion(v, u?.name ?? null);
}

export async function listDatasetVersions(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TDatasetVersion[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await ctx.db
    .select({ v: datasetVersion, name: user.displayName })
    .from(datasetVersion)
    .leftJoin(user, eq(user.id, datasetVersion.decidedBy))
    .where(eq(datasetVersion.projectId, projectId))
    .orderBy(desc(datasetVersion.number));
  return rows.map((r) => toDatasetVersion(r.v, r.name));
}

export async function getDatasetVersion(ctx: ServiceContext, caller: TUser, versionId: string): Promise<TDatasetVersion> {
  return withDecider(ctx.db, await versionForEngineer(ctx.db, caller, versionId));
}

/** The project's open candidate, if any. */
export async function openCandidate(db: DbOrTx, projectId: string): Promise<VersionRow | undefined> {
  const [v] = await db.select().from(datasetVersion).where(and(eq(datasetVersion.projectId, projectId), eq(datasetVersion.status, 'candidate')));
  return v;
}

/**
 * Takes a rejected candidate out of the lineage: its revisions go, the revisions it closed are
 * live again, its quarantine goes (those items merge again) except rows the engineer already
 * released or fixed, which wait for the next merge, and rows it took back wait again.
 */
async function unwindCandidate(tx: Tx, v: VersionRow): Promise<void> {
  await tx.delete(datasetRow).where(and(eq(datasetRow.projectId, v.projectId), eq(datasetRow.validFrom, v.number)));
  await tx.execute(sql`update dataset_row set valid_to = ${OPEN} where project_id = ${v.projectId} and valid_to = ${v.number}`);
  await tx.delete(quarantinedRow).where(and(eq(quarantinedRow.versionId, v.id), eq(quarantinedRow.status, 'open')));
  // A row it took back and quarantined again may have been released or fixed since: that newer
  // decision is the one that waits (one pending row per item).
  await tx.execute(sql`
    update quarantined_row q set resolved_version_id = null where q.resolved_version_id = ${v.id}
      and not exists (select 1 from quarantined_row p where p.item_id = q.item_id and p.resolved_version_id is null)`);
}

/** Approves or rejects a candidate; a decided version is immutable. Records who and when. */
export async function decideDatasetVersion(ctx: ServiceContext, caller: TUser, versionId: string, decision: 'approved' | 'rejected', note?: string): Promise<TDatasetVersion> {
  return inTransaction(ctx, async (tx, out) => {
    const v = await versionForEngineer(tx, caller, versionId);
    await lockLineage(tx, v.projectId);
    const [updated] = await tx
      .update(datasetVersion)
      .set({ status: decision, decidedBy: caller.id, decidedAt: ctx.now(), decisionNote: note?.trim() || null })
      .where(and(eq(datasetVersion.id, v.id), eq(datasetVersion.status, 'candidate')))
      .returning();
    if (!updated) throw new AppError('conflict', `version ${v.number} is ${v.status}; only a candidate can be approved or rejected`);
    if (decision === 'rejected') await unwindCandidate(tx, updated);
    out.event({ name: 'dataset-version:changed', room: rooms.engineers(v.projectId), payload: { projectId: v.projectId, versionId: v.id, status: decision } });
    out.event(await stageCountsEvent(tx, v.projectId));
    return withDecider(tx, updated);
  });
}
