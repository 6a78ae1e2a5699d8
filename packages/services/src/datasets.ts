import { createHash } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { AppError, rooms, type TDatasetVersion, type TUser } from '@quorum/contracts';
import { checkDatasetRow, datasetCanonicalSerialisation } from '@quorum/core';
import { datasetRow, datasetVersion, project, quarantinedRow, user, type DbOrTx } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { projectForMember } from './projects';
import { stageCountsEvent } from './stats';

type VersionRow = typeof datasetVersion.$inferSelect;
type NewRow = typeof datasetRow.$inferInsert;

export const toDatasetVersion = (v: VersionRow, decidedByEmail: string | null = null): TDatasetVersion => ({
  id: v.id,
  projectId: v.projectId,
  number: v.number,
  parentId: v.parentId,
  contentHash: v.contentHash,
  rowCount: v.rowCount,
  addedCount: v.addedCount,
  status: v.status,
  report: v.report,
  createdAt: v.createdAt.toISOString(),
  decidedBy: decidedByEmail,
  decidedAt: v.decidedAt?.toISOString() ?? null,
  decisionNote: v.decisionNote,
});

/** The hashed form of a row: what the row says, not where it is stored. */
const hashedRow = (r: NewRow) => ({ itemId: r.itemId, externalId: r.externalId, textA: r.textA, textB: r.textB, label: r.label, decidedBy: r.decidedBy });

export function datasetContentHash(rows: readonly NewRow[]): string {
  return createHash('sha256').update(datasetCanonicalSerialisation(rows.map(hashedRow))).digest('hex');
}

/**
 * Merges settled items that are not in the latest live version into a new candidate version
 * (parent = that version). Rows failing a data check are quarantined with their reason.
 * Idempotent: with nothing new settled, no version is made. Serialised per project by an
 * advisory lock so two merges never number a version twice.
 */
export async function mergeDataset(ctx: ServiceContext, projectId: string): Promise<TDatasetVersion | null> {
  return inTransaction(ctx, async (tx, out) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('merge-dataset'), hashtext(${projectId}))`);
    const [p] = await tx.select().from(project).where(eq(project.id, projectId));
    if (!p) return null;
    const [parent] = await tx
      .select()
      .from(datasetVersion)
      .where(and(eq(datasetVersion.projectId, projectId), ne(datasetVersion.status, 'rejected')))
      .orderBy(desc(datasetVersion.number))
      .limit(1);
    const fresh = await tx.execute<{ item_id: string; sample_id: string; external_id: string; text_a: string; text_b: string; label: string; decided_by: 'crowd' | 'expert'; votes: Record<string, number> | null; note: string | null; model_label: string | null; model_version: string | null; model_probs: Record<string, number> }>(sql`
      select i.id as item_id, s.id as sample_id, s.external_id, s.text_a, s.text_b, i.final_label as label, i.decided_by,
             a.votes, r.note, s.model_label, s.model_version, s.model_probs
      from item i join sample s on s.id = i.sample_id
      left join aggregate a on a.item_id = i.id
      left join review r on r.item_id = i.id
      where i.project_id = ${projectId} and i.status = 'settled'
        and not exists (select 1 from dataset_row d where d.item_id = i.id and d.version_id = ${parent?.id ?? null})
        and not exists (select 1 from quarantined_row q join dataset_version v on v.id = q.version_id
                        where q.item_id = i.id and v.status <> 'rejected')
      order by i.id`);
    if (fresh.rows.length === 0) return null;
    const added: NewRow[] = [];
    const quarantined: { itemId: string; reason: string }[] = [];
    for (const r of fresh.rows) {
      const reason = checkDatasetRow({ textA: r.text_a, textB: r.text_b, label: r.label }, { labels: p.labels, maxTextLength: p.maxTextLength });
      if (reason) {
        quarantined.push({ itemId: r.item_id, reason });
        continue;
      }
      added.push({
        versionId: '',
        itemId: r.item_id,
        sampleId: r.sample_id,
        externalId: r.external_id,
        textA: r.text_a,
        textB: r.text_b,
        label: r.label,
        decidedBy: r.decided_by,
        provenance: { votes: r.votes ?? {}, expertNote: r.note, model: { label: r.model_label, version: r.model_version, probs: r.model_probs } },
      });
    }
    const inherited: NewRow[] = parent ? await tx.select().from(datasetRow).where(eq(datasetRow.versionId, parent.id)) : [];
    const rows = [...inherited, ...added];
    const labelCounts: Record<string, number> = {};
    for (const r of rows) labelCounts[r.label] = (labelCounts[r.label] ?? 0) + 1;
    const report = {
      added: added.length,
      inherited: inherited.length,
      quarantined: quarantined.length,
      quarantineReasons: quarantined.map((q) => q.reason),
      labelCounts,
      decidedBy: { crowd: rows.filter((r) => r.decidedBy === 'crowd').length, expert: rows.filter((r) => r.decidedBy === 'expert').length },
    };
    // Numbers count every version, rejected ones too: the parent may be older than the latest.
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${datasetVersion.number}), 0)::int` }).from(datasetVersion).where(eq(datasetVersion.projectId, projectId));
    const [v] = await tx
      .insert(datasetVersion)
      .values({ projectId, number: (last?.n ?? 0) + 1, parentId: parent?.id ?? null, contentHash: datasetContentHash(rows), rowCount: rows.length, addedCount: added.length, report, createdAt: ctx.now() })
      .returning();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(datasetRow).values(rows.slice(i, i + 1000).map((r) => ({ ...r, versionId: v!.id })));
    }
    if (quarantined.length > 0) await tx.insert(quarantinedRow).values(quarantined.map((q) => ({ ...q, versionId: v!.id })));
    out.event({ name: 'dataset-version:changed', room: rooms.engineers(projectId), payload: { projectId, versionId: v!.id, status: 'candidate' } });
    out.event(await stageCountsEvent(tx, projectId));
    return toDatasetVersion(v!);
  });
}

async function versionForEngineer(db: DbOrTx, caller: TUser, versionId: string): Promise<VersionRow> {
  const [v] = await db.select().from(datasetVersion).where(eq(datasetVersion.id, versionId));
  if (!v) throw new AppError('not_found', 'no such dataset version');
  await projectForMember(db, caller.id, v.projectId);
  return v;
}

async function withDecider(db: DbOrTx, v: VersionRow): Promise<TDatasetVersion> {
  if (!v.decidedBy) return toDatasetVersion(v);
  const [u] = await db.select({ email: user.email }).from(user).where(eq(user.id, v.decidedBy));
  return toDatasetVersion(v, u?.email ?? null);
}

export async function listDatasetVersions(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TDatasetVersion[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await ctx.db
    .select({ v: datasetVersion, email: user.email })
    .from(datasetVersion)
    .leftJoin(user, eq(user.id, datasetVersion.decidedBy))
    .where(eq(datasetVersion.projectId, projectId))
    .orderBy(desc(datasetVersion.number));
  return rows.map((r) => toDatasetVersion(r.v, r.email));
}

export async function getDatasetVersion(ctx: ServiceContext, caller: TUser, versionId: string): Promise<TDatasetVersion> {
  return withDecider(ctx.db, await versionForEngineer(ctx.db, caller, versionId));
}

/** Approves or rejects a candidate; a decided version is immutable. Records who and when. */
export async function decideDatasetVersion(ctx: ServiceContext, caller: TUser, versionId: string, decision: 'approved' | 'rejected', note?: string): Promise<TDatasetVersion> {
  return inTransaction(ctx, async (tx, out) => {
    const v = await versionForEngineer(tx, caller, versionId);
    const [updated] = await tx
      .update(datasetVersion)
      .set({ status: decision, decidedBy: caller.id, decidedAt: ctx.now(), decisionNote: note?.trim() || null })
      .where(and(eq(datasetVersion.id, v.id), eq(datasetVersion.status, 'candidate')))
      .returning();
    if (!updated) throw new AppError('conflict', `version ${v.number} is already ${v.status}`);
    out.event({ name: 'dataset-version:changed', room: rooms.engineers(v.projectId), payload: { projectId: v.projectId, versionId: v.id, status: decision } });
    out.event(await stageCountsEvent(tx, v.projectId));
    return withDecider(tx, updated);
  });
}

/** Checks an export may start; the caller then streams `exportRowsQuery`. Only approved versions are training data. */
export async function exportableVersion(ctx: ServiceContext, caller: TUser, versionId: string): Promise<TDatasetVersion> {
  const v = await versionForEngineer(ctx.db, caller, versionId);
  if (v.status !== 'approved') throw new AppError('conflict', `version ${v.number} is ${v.status}; only approved versions can be exported`);
  return toDatasetVersion(v);
}

/** SQL that yields one JSON text per exported row, in a stable order. */
export const EXPORT_ROWS_SQL = `
  select json_build_object(
    'id', r.item_id, 'externalId', r.external_id, 'textA', r.text_a, 'textB', r.text_b, 'label', r.label,
    'decidedBy', r.decided_by, 'votes', coalesce(r.provenance->'votes', '{}'::jsonb),
    'expertNote', r.provenance->'expertNote', 'modelLabel', r.provenance->'model'->'label',
    'modelVersion', r.provenance->'model'->'version')::text as line
  from dataset_row r where r.version_id = $1 order by r.external_id, r.item_id`;

