import { and, desc, eq, sql } from 'drizzle-orm';
import { rooms } from '@quorum/contracts';
import {
  batchesToRetract,
  LABELLER_PRIOR_DEFAULTS,
  labellerSpamPriorByType,
  pauseByEvidence,
  pauseDecision,
  reliabilityEstimate,
  SPAM_TYPES,
  type PauseWindowBatch,
  type SpamType,
  type SpamTypeLLRs,
} from '@quorum/core';
import { batch, labellerReliability, user, type Tx } from '@quorum/db';
import type { Outbox } from './context';
import { uncount } from './uncount';

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
 * Per-spammer-type log-likelihood ratios of the labeller's last decided batches in the project,
 * oldest first (core's labellerSpamPriorByType holds the type fixed across them).
 * A batch an engineer accepted over the scoring (an override, an upheld appeal) is no evidence of
 * spam any more: each ratio counts at most 0, or the overturned rejection would keep condemning
 * the labeller's next batches through the prior. Batches scored before per-type ratios were
 * recorded count their mixture ratio for every type.
 */
export async function recentBatchTypeLLRs(tx: Tx, projectId: string, labellerId: string, excludeBatchId: string, limit = LABELLER_PRIOR_DEFAULTS.window): Promise<SpamTypeLLRs[]> {
  const rows = await tx
    .select({ evidence: batch.evidence, status: batch.status, overriddenAt: batch.overriddenAt })
    .from(batch)
    .where(and(eq(batch.projectId, projectId), eq(batch.labellerId, labellerId), sql`${batch.status} in ('accepted', 'rejected')`, sql`${batch.id} <> ${excludeBatchId}`))
    .orderBy(desc(batch.decidedAt))
    .limit(limit);
  const out: SpamTypeLLRs[] = [];
  for (const r of rows) {
    const ev = (r.evidence ?? {}) as { logLikelihoodRatio?: unknown; spamTypes?: Partial<Record<SpamType, unknown>> };
    const mixture = Number(ev.logLikelihoodRatio);
    const cap = (x: number) => (r.overriddenAt && r.status === 'accepted' ? Math.min(0, x) : x);
    const llrs = Object.fromEntries(SPAM_TYPES.map((t) => [t, cap(Number(ev.spamTypes?.[t] ?? mixture))])) as SpamTypeLLRs;
    if (SPAM_TYPES.every((t) => Number.isFinite(llrs[t]))) out.push(llrs);
  }
  return out.reverse();
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

/**
 * Pauses a labeller whose recent batches keep failing (2 of the last 3 rejected) or together look
 * like a spammer's (core's pauseByEvidence), and tells them live. On a pause, the window's
 * accepted batches whose own evidence points the same way are taken back: their labels stop
 * counting and the items they helped decide reopen (uncount), unless already in a dataset.
 * Only batches decided since an engineer last lifted a pause count.
 */
export async function applyPauseRule(tx: Tx, out: Outbox, projectId: string, labellerId: string, now: Date): Promise<boolean> {
  const [me] = await tx.select({ liftedAt: user.pauseLiftedAt, pausedAt: user.pausedAt }).from(user).where(eq(user.id, labellerId));
  if (!me || me.pausedAt) return false;
  const since = me.liftedAt ?? new Date(0);
  const recent = await tx
    .select({ id: batch.id, status: batch.status, evidence: batch.evidence, overriddenAt: batch.overriddenAt })
    .from(batch)
    .where(and(eq(batch.projectId, projectId), eq(batch.labellerId, labellerId), sql`${batch.status} in ('accepted', 'rejected')`, sql`${batch.decidedAt} > ${since}`))
    .orderBy(desc(batch.decidedAt), desc(batch.id))
    .limit(LABELLER_PRIOR_DEFAULTS.window);
  recent.reverse();
  const byRejections = pauseDecision(recent.map((r) => r.status as 'accepted' | 'rejected'));
  const window = recent.flatMap((r) => {
    const w = windowBatch(r.evidence);
    return w ? [{ ...w, id: r.id, accepted: r.status === 'accepted', overridden: r.overriddenAt !== null }] : [];
  });
  const byEvidence = pauseByEvidence(window, labellerSpamPriorByType(window.map((w) => w.spamTypes)));
  const reason = byRejections.reason ?? byEvidence.reason;
  if (!reason) return false;
  await tx.update(user).set({ pausedAt: now, pauseReason: reason }).where(eq(user.id, labellerId));
  for (const i of batchesToRetract(window)) {
    const b = window[i]!;
    await uncount(tx, out, b.id);
    const reasons = [`taken back when you were paused: ${reason}`];
    await tx.update(batch).set({ status: 'rejected', reasons, decidedAt: now }).where(eq(batch.id, b.id));
    out.event({ name: 'batch:decided', room: rooms.user(labellerId), payload: { batchId: b.id, projectId, status: 'rejected', reasons } });
  }
  out.event({ name: 'labeller:paused', room: rooms.user(labellerId), payload: { projectId, reason } });
  out.event({ name: 'work:available', room: rooms.labellers(projectId), payload: { projectId } });
  return true;
}

/** The figures a pause reads from a decided batch's recorded evidence; null for batches scored before per-type ratios. */
function windowBatch(evidence: unknown): PauseWindowBatch | null {
  const ev = (evidence ?? {}) as Partial<PauseWindowBatch> & { spamTypes?: Partial<SpamTypeLLRs> };
  if (!ev.spamTypes || !SPAM_TYPES.every((t) => Number.isFinite(ev.spamTypes![t]))) return null;
  return {
    spamTypes: ev.spamTypes as SpamTypeLLRs,
    goldCorrect: Number(ev.goldCorrect ?? 0),
    goldTotal: Number(ev.goldTotal ?? 0),
    peerItems: Number(ev.peerItems ?? 0),
    peerAgreement: ev.peerAgreement ?? null,
  };
}
