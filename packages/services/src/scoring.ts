import { and, eq, sql } from 'drizzle-orm';
import { jobIds, rooms } from '@quorum/contracts';
import { scoreBatch, type ItemId } from '@quorum/core';
import { assignment, batch, project } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { stageCountsEvent } from './stats';

/**
 * Decides a submitted batch: accepted labels start to count, rejected ones never do (their
 * assignments leave the live statuses, so the trigger reopens the slots for other labellers).
 * Idempotent: a batch that is no longer 'submitted' is left alone.
 */
export async function scoreSubmittedBatch(ctx: ServiceContext, batchId: string): Promise<{ decision: 'accept' | 'reject' } | null> {
  return inTransaction(ctx, async (tx, out) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update');
    if (!b || b.status !== 'submitted') return null;
    const [p] = await tx.select().from(project).where(eq(project.id, b.projectId));
    const answers = await tx.execute<{ item_id: string; value: string; seconds: number; gold_label: string | null }>(sql`
      select l.item_id, l.value, l.seconds, g.label as gold_label
      from label l left join gold_answer g on g.item_id = l.item_id
      where l.batch_id = ${b.id}`);
    const score = scoreBatch(
      answers.rows.map((r) => ({ itemId: r.item_id as ItemId, label: r.value, seconds: Number(r.seconds), goldLabel: r.gold_label })),
      { minGoldAccuracy: p!.minGoldAccuracy, minSecondsPerItem: p!.minSecondsPerItem },
    );
    const accepted = score.decision === 'accept';
    const now = ctx.now();
    await tx
      .update(batch)
      .set({ status: accepted ? 'accepted' : 'rejected', decidedAt: now, reasons: score.reasons, evidence: { rule: 'gold-accuracy-and-median-time', ...score.figures } })
      .where(eq(batch.id, b.id));
    await tx.update(assignment).set({ status: accepted ? 'accepted' : 'rejected' }).where(and(eq(assignment.batchId, b.id), eq(assignment.status, 'submitted')));
    if (accepted) {
      // Items of this batch that now have all their accepted labels are ready to aggregate.
      const full = await tx.execute<{ id: string }>(sql`
        select i.id from item i
        where i.id in (select item_id from assignment where batch_id = ${b.id}) and i.status = 'labelling'
          and (select count(*) from assignment a where a.item_id = i.id and a.status = 'accepted') >= i.overlap`);
      for (const r of full.rows) out.job({ name: 'aggregate-item', payload: { itemId: r.id }, opts: { dedupeId: jobIds.aggregateItem(r.id) } });
    } else {
      out.event({ name: 'work:available', room: rooms.labellers(b.projectId), payload: { projectId: b.projectId } });
    }
    out.event({ name: 'batch:decided', room: rooms.user(b.labellerId), payload: { batchId: b.id, projectId: b.projectId, status: accepted ? 'accepted' : 'rejected', reasons: score.reasons } });
    out.event(await stageCountsEvent(tx, b.projectId));
    return { decision: score.decision };
  });
}
