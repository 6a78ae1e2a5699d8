import { asc, eq, sql } from 'drizzle-orm';
import type { TBatchOutcome, TLabellerBatch } from '@quorum/contracts';
import { assignment, batch, label, sample, item, type DbOrTx } from '@quorum/db';

export type BatchRow = typeof batch.$inferSelect;

/** A batch as its labeller sees it: the texts and their own answers, never item ids or gold. */
export async function labellerBatchView(db: DbOrTx, b: BatchRow, labels: string[]): Promise<TLabellerBatch> {
  const rows = await db
    .select({ id: assignment.id, position: assignment.position, textA: sample.textA, textB: sample.textB, label: label.value })
    .from(assignment)
    .innerJoin(item, eq(item.id, assignment.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(label, eq(label.assignmentId, assignment.id))
    .where(eq(assignment.batchId, b.id))
    .orderBy(asc(assignment.position));
  return {
    id: b.id,
    projectId: b.projectId,
    status: b.status,
    labels,
    createdAt: b.createdAt.toISOString(),
    expiresAt: b.expiresAt.toISOString(),
    assignments: rows.map((r) => ({ ...r, label: r.label ?? null })),
  };
}

export type AppealState = { status: 'open' | 'upheld' | 'dismissed'; resolutionNote: string | null } | null;

export function batchOutcome(b: BatchRow, itemCount: number, appeal: AppealState = null): TBatchOutcome {
  return {
    id: b.id,
    projectId: b.projectId,
    status: b.status,
    itemCount,
    createdAt: b.createdAt.toISOString(),
    submittedAt: b.submittedAt?.toISOString() ?? null,
    decidedAt: b.decidedAt?.toISOString() ?? null,
    reasons: b.reasons ?? [],
    appeal,
  };
}

export async function batchItemCount(db: DbOrTx, batchId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(assignment).where(eq(assignment.batchId, batchId));
  return r?.n ?? 0;
}
