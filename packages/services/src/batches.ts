import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { AppError, jobIds, rooms, type TBatchOutcome, type TLabellerBatch, type TUser } from '@quorum/contracts';
import { planBatchGoldCount, planBatchOrder } from '@quorum/core';
import { appeal, assignment, batch, label, user, type Tx } from '@quorum/db';
import { inTransaction, type Outbox, type ServiceContext } from './context';
import { projectForMember, type ProjectRow } from './projects';
import { batchItemCount, batchOutcome, labellerBatchView, type BatchRow } from './batch-view';
import { rescoreNeighbours } from './scoring';
import { stageCountsEvent } from './stats';

/**
 * Leases a batch to a labeller: items that still need labels and that this labeller has never
 * been assigned, plus gold items at random positions. Items are locked FOR UPDATE SKIP LOCKED,
 * so concurrent requests take different items instead of waiting; the schema's
 * item_live_assignments_within_overlap constraint is the last line of defence.
 * A labeller with an open batch gets that batch back.
 */
export async function requestBatch(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TLabellerBatch | null> {
  const project = await projectForMember(ctx.db, caller.id, projectId);
  const [me] = await ctx.db.select({ pausedAt: user.pausedAt, pauseReason: user.pauseReason }).from(user).where(eq(user.id, caller.id));
  if (me?.pausedAt) {
    const reason = me.pauseReason ?? 'ask the project engineer';
    throw new AppError('paused', `you are paused from new batches: ${reason}`, undefined, [{ field: 'pauseReason', message: reason }]);
  }
  try {
    return await inTransaction(ctx, async (tx, out) => {
      const now = ctx.now();
      const [open] = await tx
        .select()
        .from(batch)
        .where(and(eq(batch.projectId, projectId), eq(batch.labellerId, caller.id), eq(batch.status, 'open')))
        .for('update');
      if (open && open.expiresAt > now) return labellerBatchView(tx, open, project.labels);
      if (open) await expireBatch(tx, out, open);
      return leaseNewBatch(ctx, tx, out, project, caller.id, now);
    });
  } catch (err) {
    // Two requests from the same labeller raced; the loser returns the winner's batch.
    if (constraintOf(err) === 'batch_one_open_per_labeller') return requestBatch(ctx, caller, projectId);
    throw err;
  }
}

async function leaseNewBatch(ctx: ServiceContext, tx: Tx, out: Outbox, project: ProjectRow, labellerId: string, now: Date): Promise<TLabellerBatch | null> {
  // One lease at a time per project. Concurrent leases that each lock some items and skip the
  // rest send labellers away while slots remain (160 of 200 slots filled in the concurrency
  // test); waiting for one another while holding item locks starves them instead. A lease is a
  // few milliseconds, so serialising it costs little and every request sees all committed slots.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lease-batch'), hashtext(${project.id}))`);
  // Controls: imported gold items, and settled items whose answer an expert gave.
  const goldCandidates = await tx.execute<{ id: string }>(sql`
    select i.id from item i join gold_answer g on g.item_id = i.id
    where i.project_id = ${project.id}
      and not exists (select 1 from assignment a where a.item_id = i.id and a.labeller_id = ${labellerId})
    order by i.id`);
  const goldWanted = planBatchGoldCount({ batchSize: project.batchSize, goldRatio: project.goldRatio, regularAvailable: project.batchSize, goldAvailable: goldCandidates.rows.length });
  const regular = await leaseRegularItems(tx, project, labellerId, project.batchSize - goldWanted);
  if (regular.length === 0) return null;
  const goldCount = planBatchGoldCount({ batchSize: project.batchSize, goldRatio: project.goldRatio, regularAvailable: regular.length, goldAvailable: goldCandidates.rows.length });
  const gold = pickRandom(ctx.random, goldCandidates.rows.map((r) => r.id), Math.min(goldCount, goldWanted));
  const order = planBatchOrder(ctx.random, regular, gold);
  const [b] = await tx
    .insert(batch)
    .values({ projectId: project.id, labellerId, createdAt: now, expiresAt: new Date(now.getTime() + project.leaseMinutes * 60_000) })
    .returning();
  await tx.insert(assignment).values(order.map((o, position) => ({ batchId: b!.id, itemId: o.entry, labellerId, position, leasedAt: now, isGold: o.gold })));
  out.event(await stageCountsEvent(tx, project.id));
  return labellerBatchView(tx, b!, project.labels);
}

/**
 * Locks up to `wanted` items this labeller may take. The caller holds the project's lease lock,
 * so no other lease competes for these rows; SKIP LOCKED steps around an item that a scoring or
 * aggregation transaction holds at this instant, rather than waiting for it. When that leaves
 * nothing, the labeller would be told there is no work while there is: the query is repeated
 * waiting for those short transactions instead. Nothing is locked by this transaction yet at that
 * point, and scoring and aggregation never take the lease lock, so the wait cannot deadlock.
 */
async function leaseRegularItems(tx: Tx, project: ProjectRow, labellerId: string, wanted: number): Promise<string[]> {
  // Items closest to their overlap first, so items finish (and reach review or the dataset)
  // sooner; then the most uncertain, whose labels teach the model most.
  const lease = (skipLocked: boolean) =>
    tx.execute<{ id: string }>(sql`
      select i.id from item i join sample s on s.id = i.sample_id
      where i.project_id = ${project.id} and i.status = 'labelling' and i.live_assignments < i.overlap
        and not exists (select 1 from assignment a where a.item_id = i.id and a.labeller_id = ${labellerId})
      order by i.live_assignments desc, s.uncertainty desc, i.id
      limit ${wanted}
      for update of i${skipLocked ? sql` skip locked` : sql``}`);
  let rows = await lease(true);
  if (rows.rows.length === 0) rows = await lease(false);
  return rows.rows.map((r) => r.id);
}

function pickRandom<T>(random: () => number, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const picked: T[] = [];
  while (picked.length < n && pool.length > 0) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return picked;
}

/** Ends an open batch's lease: its assignments free their slots (trigger), the labeller is told. */
export async function expireBatch(tx: Tx, out: Outbox, b: BatchRow): Promise<void> {
  await tx.update(batch).set({ status: 'expired', decidedAt: b.expiresAt }).where(and(eq(batch.id, b.id), eq(batch.status, 'open')));
  await tx.update(assignment).set({ status: 'expired' }).where(eq(assignment.batchId, b.id));
  out.event({ name: 'batch:decided', room: rooms.user(b.labellerId), payload: { batchId: b.id, projectId: b.projectId, status: 'expired', reasons: ['the lease ran out before the batch was submitted'] } });
  out.event({ name: 'work:available', room: rooms.labellers(b.projectId), payload: { projectId: b.projectId } });
}

/** A batch of the caller's, or not_found: another labeller's batch is indistinguishable from none. */
export async function ownBatch(tx: Tx | ServiceContext['db'], caller: TUser, batchId: string, lock = false): Promise<BatchRow> {
  const q = tx.select().from(batch).where(and(eq(batch.id, batchId), eq(batch.labellerId, caller.id)));
  const [b] = lock ? await q.for('update') : await q;
  if (!b) throw new AppError('not_found', 'no such batch');
  return b;
}

export async function getBatch(ctx: ServiceContext, caller: TUser, batchId: string): Promise<TLabellerBatch> {
  const b = await ownBatch(ctx.db, caller, batchId);
  const project = await projectForMember(ctx.db, caller.id, b.projectId);
  return labellerBatchView(ctx.db, b, project.labels);
}

export async function listMyBatches(ctx: ServiceContext, caller: TUser): Promise<TBatchOutcome[]> {
  const rows = await ctx.db
    .select({ b: batch, n: sql<number>`(select count(*)::int from assignment a where a.batch_id = "batch"."id")`, appealStatus: appeal.status, resolutionNote: appeal.resolutionNote })
    .from(batch)
    .leftJoin(appeal, eq(appeal.batchId, batch.id))
    .where(eq(batch.labellerId, caller.id))
    .orderBy(desc(batch.createdAt))
    .limit(50);
  return rows.map((r) => batchOutcome(r.b, r.n, r.appealStatus ? { status: r.appealStatus, resolutionNote: r.resolutionNote } : null));
}

/**
 * Records (or changes) the answer to one assignment. The time taken is measured on the server,
 * from the previous answer in the batch (or the lease), because a client can lie about its own.
 */
export async function recordLabel(ctx: ServiceContext, caller: TUser, assignmentId: string, input: { label: string; clientMs?: number }): Promise<{ id: string; label: string }> {
  return onOpenBatch(ctx, () => inTransaction(ctx, async (tx) => {
    const [a] = await tx.select().from(assignment).where(and(eq(assignment.id, assignmentId), eq(assignment.labellerId, caller.id)));
    if (!a) throw new AppError('not_found', 'no such assignment');
    const b = await ownBatch(tx, caller, a.batchId, true);
    const now = ctx.now();
    assertOpen(b, now);
    const project = await projectForMember(tx, caller.id, b.projectId);
    if (!project.labels.includes(input.label)) {
      throw new AppError('bad_request', `label '${input.label}' is not one of ${project.labels.join(', ')}`, 'label');
    }
    const [prev] = await tx
      .select({ at: sql<Date>`max(${label.answeredAt})` })
      .from(label)
      .where(and(eq(label.batchId, b.id), sql`${label.assignmentId} <> ${a.id}`));
    const since = prev?.at ? new Date(prev.at) : b.createdAt;
    const seconds = Math.max(0, (now.getTime() - since.getTime()) / 1000);
    await tx
      .insert(label)
      .values({ assignmentId: a.id, batchId: b.id, itemId: a.itemId, labellerId: caller.id, value: input.label, seconds, clientMs: input.clientMs ?? null, answeredAt: now })
      .onConflictDoUpdate({ target: label.assignmentId, set: { value: input.label, revisions: sql`${label.revisions} + 1`, clientMs: input.clientMs ?? null } });
    return { id: a.id, label: input.label };
  }));
}

function assertOpen(b: BatchRow, now: Date): void {
  if (b.status === 'expired' || (b.status === 'open' && b.expiresAt <= now)) throw new AppLeaseExpired(b.status === 'open' ? b : null);
  if (b.status !== 'open') throw new AppError('conflict', `the batch is already ${b.status}`);
}

class AppLeaseExpired extends AppError {
  /** `stale`: an open batch whose lease ran out, to expire once the failing transaction is rolled back. */
  constructor(readonly stale: BatchRow | null) {
    super('lease_expired', 'the batch lease expired; its items went back to the pool — ask for a new batch');
  }
}

/**
 * Runs a use case on an open batch. A lease found run out fails the use case, and the failure
 * rolls its transaction back; so the batch is expired in a transaction of its own, after.
 */
async function onOpenBatch<T>(ctx: ServiceContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppLeaseExpired && err.stale) {
      const staleId = err.stale.id;
      await inTransaction(ctx, async (tx, out) => {
        const [b] = await tx.select().from(batch).where(and(eq(batch.id, staleId), eq(batch.status, 'open'))).for('update');
        if (b && b.expiresAt <= ctx.now()) await expireBatch(tx, out, b);
      });
    }
    throw err;
  }
}

/** Submits a fully answered batch for scoring. Submitting again returns the same outcome. */
export async function submitBatch(ctx: ServiceContext, caller: TUser, batchId: string): Promise<TBatchOutcome> {
  return onOpenBatch(ctx, () => inTransaction(ctx, async (tx, out) => {
    const b = await ownBatch(tx, caller, batchId, true);
    if (b.status === 'submitted' || b.status === 'accepted' || b.status === 'rejected') return batchOutcome(b, await batchItemCount(tx, b.id));
    const now = ctx.now();
    assertOpen(b, now);
    const missing = await tx.execute<{ position: number }>(sql`
      select a.position from assignment a left join label l on l.assignment_id = a.id
      where a.batch_id = ${b.id} and l.id is null order by a.position`);
    if (missing.rows.length > 0) {
      const positions = missing.rows.map((r) => r.position + 1);
      throw new AppError('bad_request', `${positions.length} pair(s) not answered yet (positions ${positions.join(', ')})`, 'assignments');
    }
    const [updated] = await tx.update(batch).set({ status: 'submitted', submittedAt: now }).where(eq(batch.id, b.id)).returning();
    await tx.update(assignment).set({ status: 'submitted' }).where(and(eq(assignment.batchId, b.id), eq(assignment.status, 'leased')));
    out.job({ name: 'score-batch', payload: { batchId: b.id }, opts: { dedupeId: jobIds.scoreBatch(b.id) } });
    // Its answers are new peer evidence for batches waiting on the same items.
    await rescoreNeighbours(tx, out, b.id);
    out.event(await stageCountsEvent(tx, b.projectId));
    return batchOutcome(updated!, await batchItemCount(tx, b.id));
  }));
}

/** Expires every open batch whose lease ran out; their items go back to the pool. */
export async function sweepExpiredLeases(ctx: ServiceContext): Promise<{ expired: number }> {
  return inTransaction(ctx, async (tx, out) => {
    const stale = await tx
      .select()
      .from(batch)
      .where(and(eq(batch.status, 'open'), lt(batch.expiresAt, ctx.now())))
      .for('update', { skipLocked: true });
    for (const b of stale) await expireBatch(tx, out, b);
    for (const projectId of new Set(stale.map((b) => b.projectId))) out.event(await stageCountsEvent(tx, projectId));
    return { expired: stale.length };
  });
}

export function constraintOf(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

