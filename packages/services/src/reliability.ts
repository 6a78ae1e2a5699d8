import { and, desc, eq, sql } from 'drizzle-orm';
import { rooms } from '@quorum/contracts';
import { pauseDecision, reliabilityEstimate } from '@quorum/core';
import { batch, labellerReliability, user, type Tx } from '@quorum/db';
import type { Outbox } from './context';

/** Accuracy assumed for a labeller nobody has measured yet, and the crowd's when nobody has been. */
export const CROWD_ACCURACY_DEFAULT = 0.8;

/** The latest accuracy estimate of each given labeller in a project. */
export async function latestAccuracies(tx: Tx, projectId: string, labellerIds: readonly string[]): Promise<Map<string, number>> {
  if (labellerIds.length === 0) return new Map();
  const rows = await tx.execute<{ labeller_id: string; accuracy: number }>(sql`
    select distinct on (labeller_id) labeller_id, accuracy from labeller_reliability
    where project_id = ${projectId} and labeller_id in (${sql.join(labellerIds.map((id) => sql`${id}`), sql`, `)})
    order by labeller_id, computed_at desc, id desc`);
  return new Map(rows.rows.map((r) => [r.labeller_id, Number(r.accuracy)]));
}

/** The lower end of the labeller's latest 90 % accuracy interval, or null when never measured. */
export async function latestLowerBound(tx: Tx, projectId: string, labellerId: string): Promise<number | null> {
  const rows = await tx.execute<{ low: number }>(sql`
    select low from labeller_reliability where project_id = ${projectId} and labeller_id = ${labellerId}
    order by computed_at desc, id desc limit 1`);
  return rows.rows[0] ? Number(rows.rows[0].low) : null;
}

export async function crowdAccuracy(tx: Tx, projectId: string): Promise<number> {
  const rows = await tx.execute<{ mean: number | null }>(sql`
    select avg(accuracy)::float8 as mean from (
      select distinct on (labeller_id) accuracy from labeller_reliability
      where project_id = ${projectId} order by labeller_id, computed_at desc, id desc) latest`);
  return rows.rows[0]?.mean ?? CROWD_ACCURACY_DEFAULT;
}

/**
 * Log-likelihood ratios of the labeller's last decided batches in the project, oldest first.
 * A batch an engineer accepted over the scoring (an override, an upheld appeal) is no evidence of
 * spam any more: its ratio counts at most 0, or the overturned rejection would keep condemning
 * the labeller's next batches through the prior.
 */
export async function recentBatchLLRs(tx: Tx, projectId: string, labellerId: string, excludeBatchId: string, limit = 5): Promise<number[]> {
  const rows = await tx
    .select({ evidence: batch.evidence, status: batch.status, overriddenAt: batch.overriddenAt })
    .from(batch)
    .where(and(eq(batch.projectId, projectId), eq(batch.labellerId, labellerId), sql`${batch.status} in ('accepted', 'rejected')`, sql`${batch.id} <> ${excludeBatchId}`))
    .orderBy(desc(batch.decidedAt))
    .limit(limit);
  return rows
    .map((r) => {
      const llr = Number((r.evidence as { logLikelihoodRatio?: unknown } | null)?.logLikelihoodRatio);
      return r.overriddenAt && r.status === 'accepted' ? Math.min(0, llr) : llr;
    })
    .filter((x) => Number.isFinite(x))
    .reverse();
}

/**
 * Re-estimates a labeller's accuracy from every answer they gave in the project: control answers
 * against the known answer, and other answers against other labellers' accepted answers on the
 * same items (each comparison counts the share of peers agreeing). Appends to the history.
 */
export async function recordReliability(tx: Tx, projectId: string, labellerId: string, batchId: string, nextSpamPrior: number, now: Date): Promise<void> {
  const gold = await tx.execute<{ correct: number; total: number }>(sql`
    select count(*) filter (where l.value = g.label)::int as correct, count(*)::int as total
    from label l join gold_answer g on g.item_id = l.item_id join assignment a on a.id = l.assignment_id join batch b on b.id = l.batch_id
    where l.labeller_id = ${labellerId} and b.project_id = ${projectId} and a.is_gold and b.status in ('submitted', 'accepted', 'rejected')`);
  const peers = await tx.execute<{ agree: number; total: number }>(sql`
    select coalesce(sum(agree)::float8, 0) as agree, count(*)::int as total from (
      select avg(case when o.value = l.value then 1.0 else 0.0 end) as agree
      from label l
      join assignment a on a.id = l.assignment_id and not a.is_gold
      join batch b on b.id = l.batch_id and b.project_id = ${projectId} and b.status in ('submitted', 'accepted', 'rejected')
      join label o on o.item_id = l.item_id and o.labeller_id <> l.labeller_id
      join assignment oa on oa.id = o.assignment_id and oa.status = 'accepted' and not oa.is_gold
      where l.labeller_id = ${labellerId}
      group by l.id) per_label`);
  const g = gold.rows[0]!;
  const pr = peers.rows[0]!;
  const estimate = reliabilityEstimate({ goldCorrect: g.correct, goldTotal: g.total, peerAgree: Number(pr.agree), peerTotal: pr.total, crowdAccuracy: await crowdAccuracy(tx, projectId) });
  await tx.insert(labellerReliability).values({ projectId, labellerId, batchId, accuracy: estimate.accuracy, low: estimate.low, high: estimate.high, evidenceCount: estimate.n, spamPrior: nextSpamPrior, computedAt: now });
}

/** Pauses a labeller whose recent batches keep failing; tells them live. */
export async function applyPauseRule(tx: Tx, out: Outbox, projectId: string, labellerId: string, now: Date): Promise<boolean> {
  const [me] = await tx.select({ liftedAt: user.pauseLiftedAt }).from(user).where(eq(user.id, labellerId));
  const since = me?.liftedAt ?? new Date(0);
  const recent = await tx
    .select({ status: batch.status })
    .from(batch)
    .where(and(eq(batch.projectId, projectId), eq(batch.labellerId, labellerId), sql`${batch.status} in ('accepted', 'rejected')`, sql`${batch.decidedAt} > ${since}`))
    .orderBy(desc(batch.decidedAt))
    .limit(10);
  const decision = pauseDecision(recent.map((r) => r.status as 'accepted' | 'rejected').reverse());
  if (!decision.pause) return false;
  const paused = await tx
    .update(user)
    .set({ pausedAt: now, pauseReason: decision.reason })
    .where(and(eq(user.id, labellerId), sql`${user.pausedAt} is null`))
    .returning({ id: user.id });
  if (paused.length > 0) out.event({ name: 'labeller:paused', room: rooms.user(labellerId), payload: { projectId, reason: decision.reason } });
  return paused.length > 0;
}

