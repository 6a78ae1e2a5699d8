import { and, desc, eq, type SQL } from 'drizzle-orm';
import { AppError, type TQuarantinedRow, type TUser } from '@quorum/contracts';
import { INVALID_VALUE_CODES, invalidValueFindings, type FindingCode } from '@quorum/core';
import { datasetVersion, item, quarantinedRow, sample, user, type DbOrTx, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { lockLineage } from './lock';

// The quarantine: rows merges kept out, waiting for the engineer. A release sends a row back
// as it is (the checks that held it no longer do); a fix corrects its label or texts (and it
// is checked again from scratch). Either way the next merge takes it.

const rowShape = {
  q: quarantinedRow,
  versionNumber: datasetVersion.number,
  externalId: sample.externalId,
  decidedByName: user.displayName,
};
type Row = { q: typeof quarantinedRow.$inferSelect; versionNumber: number; externalId: string; decidedByName: string | null };

const toQuarantinedRow = ({ q, versionNumber, externalId, decidedByName }: Row): TQuarantinedRow => ({
  id: q.id,
  versionId: q.versionId,
  versionNumber,
  itemId: q.itemId,
  externalId,
  textA: q.textA,
  textB: q.textB,
  label: q.label,
  codes: q.codes,
  reason: q.reason,
  details: {
    findings: q.details,
    note: q.note,
    decidedBy: decidedByName,
    decidedAt: q.decidedAt?.toISOString() ?? null,
    fix: q.fix,
    resolvedVersionId: q.resolvedVersionId,
  },
  status: q.status,
  createdAt: q.createdAt.toISOString(),
});

function rowsWhere(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(rowShape)
    .from(quarantinedRow)
    .innerJoin(datasetVersion, eq(datasetVersion.id, quarantinedRow.versionId))
    .innerJoin(item, eq(item.id, quarantinedRow.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(user, eq(user.id, quarantinedRow.decidedBy))
    .where(where);
}

export async function listQuarantine(ctx: ServiceContext, caller: TUser, projectId: string, status: 'open' | 'released' | 'fixed' | 'all'): Promise<TQuarantinedRow[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await rowsWhere(ctx.db, and(eq(quarantinedRow.projectId, projectId), status === 'all' ? undefined : eq(quarantinedRow.status, status))).orderBy(
    desc(datasetVersion.number),
    sample.externalId,
  );
  return rows.map(toQuarantinedRow);
}

/** An open row of a project the caller belongs to, locked for the decision (lineage first, as the merge takes them). */
async function openRowForDecision(tx: Tx, caller: TUser, rowId: string) {
  const [target] = await tx.select({ projectId: quarantinedRow.projectId }).from(quarantinedRow).where(eq(quarantinedRow.id, rowId));
  if (!target) throw new AppError('not_found', 'no such quarantined row');
  const p = await projectForMember(tx, caller.id, target.projectId);
  await lockLineage(tx, p.id);
  const [q] = await tx.select().from(quarantinedRow).where(eq(quarantinedRow.id, rowId)).for('update');
  if (q!.status !== 'open') throw new AppError('conflict', `this row was already ${q!.status}`);
  return { p, q: q! };
}

async function decided(tx: DbOrTx, rowId: string): Promise<TQuarantinedRow> {
  const [row] = await rowsWhere(tx, eq(quarantinedRow.id, rowId));
  return toQuarantinedRow(row!);
}

export async function releaseQuarantinedRow(ctx: ServiceContext, caller: TUser, rowId: string, note?: string): Promise<TQuarantinedRow> {
  return inTransaction(ctx, async (tx) => {
    const { q } = await openRowForDecision(tx, caller, rowId);
    const invalid = q.codes.filter((c) => INVALID_VALUE_CODES.has(c as FindingCode));
    if (invalid.length > 0) throw new AppError('conflict', `a row with invalid values (${invalid.join(', ')}) cannot be released as it is; fix it instead`);
    await tx.update(quarantinedRow).set({ status: 'released', decidedBy: caller.id, decidedAt: ctx.now(), note: note?.trim() || null }).where(eq(quarantinedRow.id, rowId));
    return decided(tx, rowId);
  });
}

export type QuarantineFix = { label?: string; textA?: string; textB?: string; note?: string };

export async function fixQuarantinedRow(ctx: ServiceContext, caller: TUser, rowId: string, fix: QuarantineFix): Promise<TQuarantinedRow> {
  return inTransaction(ctx, async (tx) => {
    const { p, q } = await openRowForDecision(tx, caller, rowId);
    const after = { textA: fix.textA ?? q.textA, textB: fix.textB ?? q.textB, label: fix.label ?? q.label };
    // The same rules as the merge's first check, so a fix that would only be quarantined again is refused now.
    const problems = invalidValueFindings(after, { labels: p.labels, maxTextLength: p.maxTextLength });
    if (problems.length > 0) {
      const details = problems.map((f) => ({ field: f.field ?? '(body)', message: f.message }));
      throw new AppError('bad_request', `${details[0]!.field}: ${details[0]!.message}`, details[0]!.field, details);
    }
    await tx
      .update(quarantinedRow)
      .set({ ...after, status: 'fixed', decidedBy: caller.id, decidedAt: ctx.now(), note: fix.note?.trim() || null, fix: { before: { label: q.label, textA: q.textA, textB: q.textB } } })
      .where(eq(quarantinedRow.id, rowId));
    return decided(tx, rowId);
  });
}
