import { and, eq, sql } from 'drizzle-orm';
import { jobIds, rooms } from '@quorum/contracts';
import { batchEvidence, decideBatch, labellerSpamPriorByType, peerConsensus, readingTimeSeconds, type ItemEvidence } from '@quorum/core';
import { assignment, batch, project, type Tx } from '@quorum/db';
import { inTransaction, type Outbox, type ServiceContext } from './context';
import { applyPauseRule, crowdAccuracy, latestAccuracies, latestLowerBound, recentBatchTypeLLRs, recordReliability } from './reliability';
import { stageCountsEvent } from './stats';

type AnswerRow = { item_id: string; value: string; seconds: number; text_a: string; text_b: string; is_gold: boolean; gold_label: string | null; item_status: string; overlap: number | null };
type PeerRow = { item_id: string; labeller_id: string; value: string };

/**
 * Decides a submitted batch from the evidence: control answers, agreement with other labellers'
 * answers on the same items, time against reading time, and answer patterns, combined into
 * P(random clicker | evidence) (core's batchEvidence). Accept, reject, or wait for peers.
 * Idempotent: a batch that is no longer 'submitted' is left alone; a waiting batch is scored
 * again when peers answer or its waiting time runs out.
 */
export async function scoreSubmittedBatch(ctx: ServiceContext, batchId: string): Promise<{ decision: 'accept' | 'reject' | 'wait' } | null> {
  return inTransaction(ctx, async (tx, out) => {
    const [b] = await tx.select().from(batch).where(eq(batch.id, batchId)).for('update');
    if (!b || b.status !== 'submitted') return null;
    const [p] = await tx.select().from(project).where(eq(project.id, b.projectId));
    const now = ctx.now();
    const answers = await tx.execute<AnswerRow>(sql`
      select l.item_id, l.value, l.seconds, s.text_a, s.text_b, a.is_gold, g.label as gold_label, i.status as item_status, i.overlap
      from label l join assignment a on a.id = l.assignment_id join item i on i.id = l.item_id join sample s on s.id = i.sample_id
      left join gold_answer g on g.item_id = l.item_id
      where l.batch_id = ${b.id} order by a.position`);
    // Peers: other labellers' answers that may still count (submitted or accepted), never controls.
    const peerRows = await tx.execute<PeerRow>(sql`
      select l.item_id, l.labeller_id, l.value from label l join assignment a on a.id = l.assignment_id
      where l.item_id in (select item_id from label where batch_id = ${b.id}) and l.labeller_id <> ${b.labellerId}
        and a.status in ('submitted', 'accepted') and not a.is_gold`);
    const crowd = await crowdAccuracy(tx, p!.id);
    const accuracies = await latestAccuracies(tx, p!.id, [...new Set([b.labellerId, ...peerRows.rows.map((r) => r.labeller_id)])]);
    const items: ItemEvidence[] = answers.rows.map((r) => {
      const votes = peerRows.rows.filter((v) => v.item_id === r.item_id).map((v) => ({ label: v.value, accuracy: accuracies.get(v.labeller_id) ?? crowd }));
      return {
        label: r.value,
        seconds: Number(r.seconds),
        expectedSeconds: readingTimeSeconds(r.text_a, r.text_b, { scale: p!.readingTimeScale }),
        gold: r.is_gold ? r.gold_label : null,
        peers: r.is_gold || votes.length === 0 ? null : peerConsensus(votes, p!.labels),
      };
    });
    // More peers can still come for a regular item that is open and not yet fully answered.
    const awaiting = answers.rows.filter((r) => !r.is_gold && r.item_status === 'labelling' && peerRows.rows.filter((v) => v.item_id === r.item_id).length < (r.overlap ?? 1) - 1).length;
    const previous = await recentBatchTypeLLRs(tx, p!.id, b.labellerId, b.id);
    const priorSpam = labellerSpamPriorByType(previous);
    // The lower end of the labeller's interval: judging a new or middling labeller at the crowd's
    // point estimate rejected honest 0.7 labellers in 12.9 % of simulated batches.
    const honestAccuracy = Math.max(p!.minAccuracy, (await latestLowerBound(tx, p!.id, b.labellerId)) ?? p!.minAccuracy);
    const ev = batchEvidence(items, { labels: p!.labels, labelShares: await labelShares(tx, p!.id, p!.labels), honestAccuracy, priorSpam });
    const waitedSeconds = (now.getTime() - (b.submittedAt ?? now).getTime()) / 1000;
    const decision = decideBatch(
      { posteriorSpam: ev.posteriorSpam, itemsAwaitingPeers: awaiting, waitedSeconds },
      { rejectAbove: p!.rejectAbove, acceptBelow: p!.acceptBelow, maxWaitSeconds: p!.maxWaitMinutes * 60 },
    );
    const evidence = { model: 'spam-likelihood-ratio-v2', decision, posteriorSpam: ev.posteriorSpam, priorSpam, honestAccuracy, logLikelihoodRatio: ev.logLikelihoodRatio, spamTypes: ev.spamTypes, components: ev.components, ...ev.figures, itemsAwaitingPeers: awaiting, waitedSeconds, reasons: ev.reasons };
    if (decision === 'wait') {
      await tx.update(batch).set({ evidence, posteriorSpam: ev.posteriorSpam }).where(eq(batch.id, b.id));
      // Scored again when peers answer (their submit enqueues it) or, at the latest, when the wait runs out.
      const remainingMs = Math.max(1000, p!.maxWaitMinutes * 60_000 - waitedSeconds * 1000 + 1000);
      out.job({ name: 'score-batch', payload: { batchId: b.id }, opts: { dedupeId: `${jobIds.scoreBatch(b.id)}-deadline`, delayMs: remainingMs } });
      return { decision };
    }
    await decide(tx, out, b, decision === 'accept', { reasons: decision === 'accept' ? [] : ev.reasons, evidence, posteriorSpam: ev.posteriorSpam }, now);
    await recordReliability(tx, p!.id, b.labellerId, b.id, labellerSpamPriorByType([...previous, ev.spamTypes]), now);
    await applyPauseRule(tx, out, p!.id, b.labellerId, now);
    out.event({ name: 'labeller:changed', room: rooms.engineers(p!.id), payload: { projectId: p!.id, labellerId: b.labellerId } });
    return { decision };
  });
}

/** The project's answer distribution from accepted answers, Laplace-smoothed so no label is impossible. */
async function labelShares(tx: Tx, projectId: string, labels: readonly string[]): Promise<Record<string, number>> {
  const rows = await tx.execute<{ value: string; n: number }>(sql`
    select l.value, count(*)::int as n from label l join assignment a on a.id = l.assignment_id join batch b on b.id = l.batch_id
    where b.project_id = ${projectId} and a.status = 'accepted' and not a.is_gold group by l.value`);
  const counts = new Map(rows.rows.map((r) => [r.value, r.n]));
  const total = rows.rows.reduce((s, r) => s + r.n, 0) + labels.length;
  return Object.fromEntries(labels.map((l) => [l, ((counts.get(l) ?? 0) + 1) / total]));
}

type BatchRow = typeof batch.$inferSelect;

/**
 * Applies a decision to a batch: its assignments are accepted (labels count) or rejected (slots
 * reopen); items that now have all their labels are aggregated; batches sharing items are scored
 * again, since their peer evidence changed. Shared by scoring and engineers' overrides.
 */
export async function decide(tx: Tx, out: Outbox, b: BatchRow, accepted: boolean, outcome: { reasons: string[]; evidence?: Record<string, unknown>; posteriorSpam?: number }, now: Date): Promise<void> {
  await tx
    .update(batch)
    .set({ status: accepted ? 'accepted' : 'rejected', decidedAt: now, reasons: outcome.reasons, ...(outcome.evidence ? { evidence: outcome.evidence } : {}), ...(outcome.posteriorSpam !== undefined ? { posteriorSpam: outcome.posteriorSpam } : {}) })
    .where(eq(batch.id, b.id));
  await tx.update(assignment).set({ status: accepted ? 'accepted' : 'rejected' }).where(and(eq(assignment.batchId, b.id), eq(assignment.status, 'submitted')));
  if (accepted) {
    // Every open item of the batch, not only those full as this transaction sees them: two batches
    // accepted at once each miss the other's labels, and the item would wait for the reconciler.
    // aggregateItem re-counts under the item's lock and does nothing until the item is full.
    const open = await tx.execute<{ id: string }>(sql`
      select i.id from item i
      where i.id in (select item_id from assignment where batch_id = ${b.id} and not is_gold) and i.status = 'labelling'`);
    for (const r of open.rows) out.job({ name: 'aggregate-item', payload: { itemId: r.id }, opts: { dedupeId: jobIds.aggregateItem(r.id) } });
  } else {
    out.event({ name: 'work:available', room: rooms.labellers(b.projectId), payload: { projectId: b.projectId } });
  }
  await rescoreNeighbours(tx, out, b.id);
  out.event({ name: 'batch:decided', room: rooms.user(b.labellerId), payload: { batchId: b.id, projectId: b.projectId, status: accepted ? 'accepted' : 'rejected', reasons: outcome.reasons } });
  out.event(await stageCountsEvent(tx, b.projectId));
}

/** Waiting batches that share an item with this one: their peer evidence just changed. */
export async function rescoreNeighbours(tx: Tx, out: Outbox, batchId: string): Promise<void> {
  const waiting = await tx.execute<{ id: string }>(sql`
    select distinct b.id from batch b join assignment a on a.batch_id = b.id
    where b.status = 'submitted' and b.id <> ${batchId} and not a.is_gold
      and a.item_id in (select item_id from assignment where batch_id = ${batchId} and not is_gold)`);
  for (const r of waiting.rows) out.job({ name: 'score-batch', payload: { batchId: r.id }, opts: { dedupeId: jobIds.scoreBatch(r.id) } });
}
