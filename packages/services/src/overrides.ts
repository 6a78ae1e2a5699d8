import { and, eq, sql } from 'drizzle-orm';
import { AppError, jobIds, rooms, type TEngineerBatch, type TUser } from '@quorum/contracts';
import { assignment, batch, item, type Tx } from '@quorum/db';
import { inTransaction, type Outbox, type ServiceContext } from './context';
import { engineerBatch } from './engineer-batches';
import { projectForMember } from './projects';
import { decide, rescoreNeighbours } from './scoring';
import { stageCountsEvent } from './stats';
import { uncount } from './uncount';

/**
 * An engineer's decision over the scored one, with a note. Everything downstream follows:
 * accepting a rejected batch counts its labels again where the items still have room (no item
 * ever exceeds its overlap); rejecting an accepted one uncounts them and reopens the items they
 * helped settle or escalate, unless an expert already decided the item or it is in a dataset.
 */
export async function overrideBatch(ctx: ServiceContext, caller: TUser, batchId: string, decision: 'accept' | 'reject', note: string): Promise<TEngineerBatch> {
  return inTransaction(ctx, async (tx, out) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update');
    if (!b) throw new AppError('not_found', 'no such batch');
    await projectForMember(tx, caller.id, b.projectId);
    await overrideInTx(ctx, tx, out, caller, b, decision, note);
    return engineerBatch(tx, caller, batchId);
  });
}

export async function overrideInTx(ctx: ServiceContext, tx: Tx, out: Outbox, caller: TUser, b: typeof batch.$inferSelect, decision: 'accept' | 'reject', note: string): Promise<void> {
  const now = ctx.now();
  const target = decision === 'accept' ? 'accepted' : 'rejected';
  if (b.status === target) throw new AppError('conflict', `the batch is already ${target}`);
  if (b.status === 'open' || b.status === 'expired') throw new AppError('conflict', `an ${b.status} batch has no answers to decide on`);
  const stamp = { overriddenBy: caller.id, overriddenAt: now, overrideNote: note };
  if (b.status === 'submitted') {
    await decide(tx, out, b, decision === 'accept', { reasons: decision === 'accept' ? [] : [`rejected by an engineer: ${note}`] }, now);
  } else if (decision === 'accept') {
    await recount(tx, out, b.id);
    await tx.update(batch).set({ status: 'accepted', reasons: [], decidedAt: now }).where(eq(batch.id, b.id));
    out.event({ name: 'batch:decided', room: rooms.user(b.labellerId), payload: { batchId: b.id, projectId: b.projectId, status: 'accepted', reasons: [] } });
  } else {
    await uncount(tx, out, b.id);
    const reasons = [`rejected by an engineer: ${note}`];
    await tx.update(batch).set({ status: 'rejected', reasons, decidedAt: now }).where(eq(batch.id, b.id));
    out.event({ name: 'batch:decided', room: rooms.user(b.labellerId), payload: { batchId: b.id, projectId: b.projectId, status: 'rejected', reasons } });
    out.event({ name: 'work:available', room: rooms.labellers(b.projectId), payload: { projectId: b.projectId } });
  }
  await tx.update(batch).set(stamp).where(eq(batch.id, b.id));
  await rescoreNeighbours(tx, out, b.id);
  out.event({ name: 'labeller:changed', room: rooms.engineers(b.projectId), payload: { projectId: b.projectId, labellerId: b.labellerId } });
  out.event(await stageCountsEvent(tx, b.projectId));
}

/** Counts a rejected batch's labels again, one by one, only where the item still has a free slot. */
async function recount(tx: Tx, out: Outbox, batchId: string): Promise<void> {
  const rows = await tx.execute<{ id: string; item_id: string; is_gold: boolean }>(sql`
    select a.id, a.item_id, a.is_gold from assignment a where a.batch_id = ${batchId} and a.status = 'rejected'`);
  for (const a of rows.rows) {
    if (!a.is_gold) {
      const [it] = await tx.select().from(item).where(eq(item.id, a.item_id)).for('update');
      if (!it || it.status !== 'labelling' || it.overlap === null || it.liveAssignments >= it.overlap) continue;
    }
    await tx.update(assignment).set({ status: 'accepted' }).where(eq(assignment.id, a.id));
    if (!a.is_gold) out.job({ name: 'aggregate-item', payload: { itemId: a.item_id }, opts: { dedupeId: jobIds.aggregateItem(a.item_id) } });
  }
}
