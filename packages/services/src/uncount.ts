import { and, eq, sql } from 'drizzle-orm';
import { rooms } from '@quorum/contracts';
import { aggregate, assignment, batch, goldAnswer, item, review, type Tx } from '@quorum/db';
import { lockReaggregation } from './aggregation/locks';
import type { Outbox } from './context';

/**
 * Uncounts an accepted batch's labels and reopens the items whose outcome they helped decide.
 * An item an expert has claimed stays with the expert (their decision settles it whatever the
 * crowd said); a still-queued review leaves the experts' queue, live.
 */
export async function uncount(tx: Tx, out: Outbox, batchId: string): Promise<void> {
  const touched = await tx
    .update(assignment)
    .set({ status: 'rejected' })
    .where(and(eq(assignment.batchId, batchId), eq(assignment.status, 'accepted')))
    .returning({ itemId: assignment.itemId, isGold: assignment.isGold });
  for (const { itemId } of touched.filter((t) => !t.isGold)) {
    const [it] = await tx.select().from(item).where(eq(item.id, itemId)).for('update');
    if (!it || it.status === 'labelling' || it.decidedBy === 'expert') continue;
    const merged = await tx.execute(sql`select 1 from dataset_row d join dataset_version v on v.id = d.version_id where d.item_id = ${itemId} and v.status <> 'rejected' limit 1`);
    if (merged.rows.length > 0) continue;
    const [r] = await tx.select().from(review).where(eq(review.itemId, itemId));
    if (r?.status === 'settled' || r?.status === 'claimed') continue;
    if (r) {
      await tx.delete(review).where(eq(review.id, r.id));
      out.event({ name: 'review:changed', room: rooms.experts(it.projectId), payload: { projectId: it.projectId, reviewId: r.id, status: 'settled', claimedBy: null } });
    }
    await tx.delete(aggregate).where(eq(aggregate.itemId, itemId));
    // A known answer taken from the crowd's consensus rested on these labels: the reopened item is
    // regular work again, never a control (leasing would otherwise serve it as both).
    await tx.delete(goldAnswer).where(and(eq(goldAnswer.itemId, itemId), eq(goldAnswer.source, 'consensus')));
    await tx.update(item).set({ status: 'labelling', finalLabel: null, decidedBy: null, settledAt: null }).where(eq(item.id, itemId));
  }
}
