import { and, desc, eq } from 'drizzle-orm';
import { AppError, rooms, type TAppeal, type TBatchOutcome, type TUser } from '@quorum/contracts';
import { appeal, batch, user } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { batchItemCount, batchOutcome } from './batch-view';
import { ownBatch } from './batches';
import { overrideInTx } from './overrides';
import { projectForMember } from './projects';

type AppealRow = typeof appeal.$inferSelect;
const toAppeal = (a: AppealRow, labeller: { id: string; displayName: string; email: string }): TAppeal => ({
  id: a.id,
  batchId: a.batchId,
  projectId: a.projectId,
  labeller,
  message: a.message,
  status: a.status,
  createdAt: a.createdAt.toISOString(),
  resolvedAt: a.resolvedAt?.toISOString() ?? null,
  resolutionNote: a.resolutionNote,
});

/** A labeller appeals their own rejected batch, once. */
export async function appealBatch(ctx: ServiceContext, caller: TUser, batchId: string, message: string): Promise<TBatchOutcome> {
  return inTransaction(ctx, async (tx, out) => {
    const b = await ownBatch(tx, caller, batchId, true);
    if (b.status !== 'rejected') throw new AppError('conflict', 'only a rejected batch can be appealed');
    const [a] = await tx.insert(appeal).values({ projectId: b.projectId, batchId: b.id, labellerId: caller.id, message, createdAt: ctx.now() }).onConflictDoNothing({ target: appeal.batchId }).returning();
    if (!a) throw new AppError('conflict', 'this batch has been appealed already');
    out.event({ name: 'labeller:changed', room: rooms.engineers(b.projectId), payload: { projectId: b.projectId, labellerId: caller.id } });
    return batchOutcome(b, await batchItemCount(tx, b.id), { status: a.status, resolutionNote: null });
  });
}

export async function listAppeals(ctx: ServiceContext, caller: TUser, projectId: string, status: 'open' | 'all'): Promise<TAppeal[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await ctx.db
    .select({ a: appeal, labeller: { id: user.id, displayName: user.displayName, email: user.email } })
    .from(appeal)
    .innerJoin(user, eq(user.id, appeal.labellerId))
    .where(and(eq(appeal.projectId, projectId), status === 'open' ? eq(appeal.status, 'open') : undefined))
    .orderBy(desc(appeal.createdAt));
  return rows.map((r) => toAppeal(r.a, r.labeller));
}

/** Upholding accepts the batch (an override, with everything downstream); dismissing keeps the rejection. */
export async function resolveAppeal(ctx: ServiceContext, caller: TUser, appealId: string, decision: 'uphold' | 'dismiss', note?: string): Promise<TAppeal> {
  return inTransaction(ctx, async (tx, out) => {
    const [a] = await tx.select().from(appeal).where(eq(appeal.id, appealId)).for('update');
    if (!a) throw new AppError('not_found', 'no such appeal');
    await projectForMember(tx, caller.id, a.projectId);
    if (a.status !== 'open') throw new AppError('conflict', `the appeal is already ${a.status}`);
    const resolutionNote = note?.trim() || null;
    if (decision === 'uphold') {
      const [b] = await tx.select().from(batch).where(eq(batch.id, a.batchId)).for('update');
      if (b && b.status === 'rejected') await overrideInTx(ctx, tx, out, caller, b, 'accept', resolutionNote ?? 'appeal upheld');
    }
    const [updated] = await tx
      .update(appeal)
      .set({ status: decision === 'uphold' ? 'upheld' : 'dismissed', resolvedBy: caller.id, resolvedAt: ctx.now(), resolutionNote })
      .where(eq(appeal.id, a.id))
      .returning();
    const [labeller] = await tx.select({ id: user.id, displayName: user.displayName, email: user.email }).from(user).where(eq(user.id, a.labellerId));
    out.event({ name: 'labeller:changed', room: rooms.engineers(a.projectId), payload: { projectId: a.projectId, labellerId: a.labellerId } });
    out.event({ name: 'appeal:resolved', room: rooms.user(a.labellerId), payload: { projectId: a.projectId, batchId: a.batchId, status: updated!.status as 'upheld' | 'dismissed', note: resolutionNote } });
    return toAppeal(updated!, labeller!);
  });
}
