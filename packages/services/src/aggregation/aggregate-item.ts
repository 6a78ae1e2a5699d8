import { and, eq } from 'drizzle-orm';
import { jobIds, rooms } from '@quorum/contracts';
import { aggregationPosterior, aggregationSummary } from '@quorum/core';
import { aggregate, assignment, goldAnswer, item, label, project, review, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { latestAccuracies } from '../reliability';
import { stageCountsEvent } from '../stats';
import { modelForVoters } from './model-store';
import { reaggregateJob, reaggregationDue } from './reaggregation-trigger';

/**
 * Aggregates an item once it has `overlap` accepted labels: its posterior under the project's
 * current model (core's aggregationPosterior by the project's method; a labeller the model has
 * not seen counts as the crowd's pooled confusion, and before any fit every labeller as the
 * default accuracy), the posterior-entropy disagreement and the vote entropy, then settled or
 * escalated to expert review by escalateBelowPosterior. When enough labels were accepted since
 * the model was fitted, the project's re-aggregation is enqueued.
 * Idempotent: an item already settled or escalated, or still short of labels, is left alone.
 */
export async function aggregateItem(ctx: ServiceContext, itemId: string): Promise<'settled' | 'escalated' | null> {
  return inTransaction(ctx, async (tx, out) => {
    const [it] = await tx.select().from(item).where(eq(item.id, itemId)).for('update');
    if (!it || it.status !== 'labelling' || it.overlap === null) return null;
    const [p] = await tx.select().from(project).where(eq(project.id, it.projectId));
    const votes = await tx
      .select({ value: label.value, labellerId: label.labellerId })
      .from(label)
      .innerJoin(assignment, eq(assignment.id, label.assignmentId))
      .where(and(eq(label.itemId, itemId), eq(assignment.status, 'accepted'), eq(assignment.isGold, false)));
    if (votes.length < it.overlap) return null;
    const labels = p!.labels;
    const stored = await modelForVoters(tx, it.projectId, labels, votes.map((v) => v.labellerId));
    const posterior = aggregationPosterior(p!.aggregationMethod, stored.model, votes.map((v) => ({ labeller: v.labellerId, label: v.value })));
    const counts = labels.map((l) => votes.filter((v) => v.value === l).length);
    const s = aggregationSummary(labels, posterior, counts, p!.escalateBelowPosterior);
    const now = ctx.now();
    // Object.fromEntries defines own properties, so a label such as "__proto__" stays a key.
    const values = {
      method: p!.aggregationMethod,
      posterior: Object.fromEntries(labels.map((l, t) => [l, posterior[t]!])),
      topPosterior: Math.max(...posterior),
      votes: Object.fromEntries(labels.map((l, t) => [l, counts[t]!])),
      winner: s.winner,
      agreement: s.agreement,
      disagreement: s.disagreement,
      voteEntropy: s.voteEntropy,
      labelCount: votes.length,
      outcome: s.outcome,
      computedAt: now,
    };
    await tx.insert(aggregate).values({ itemId, ...values }).onConflictDoUpdate({ target: aggregate.itemId, set: values });
    if (s.outcome === 'settled') {
      await tx.update(item).set({ status: 'settled', finalLabel: s.winner, decidedBy: 'crowd', settledAt: now }).where(eq(item.id, itemId));
      if (p!.goldFromConsensus && s.agreement === 1 && (await allReliable(tx, it.projectId, votes.map((v) => v.labellerId)))) {
        await tx.insert(goldAnswer).values({ itemId, label: s.winner!, source: 'consensus', createdAt: now }).onConflictDoNothing({ target: goldAnswer.itemId });
      }
    } else {
      await tx.update(item).set({ status: 'escalated' }).where(eq(item.id, itemId));
      const [r] = await tx.insert(review).values({ projectId: it.projectId, itemId, createdAt: now }).onConflictDoNothing({ target: review.itemId }).returning();
      if (r) out.event({ name: 'review:changed', room: rooms.experts(it.projectId), payload: { projectId: it.projectId, reviewId: r.id, status: 'queued', claimedBy: null } });
    }
    // The item left the open pool: selection may top it up again.
    out.job({ name: 'select-items', payload: { projectId: it.projectId }, opts: { dedupeId: jobIds.selectItems(it.projectId) } });
    if (await reaggregationDue(tx, it.projectId, stored)) out.job(reaggregateJob(it.projectId));
    out.event(await stageCountsEvent(tx, it.projectId));
    return s.outcome;
  });
}

/** Consensus gold needs unanimity from labellers measured as reliable, not merely agreement. */
export const CONSENSUS_GOLD_MIN_ACCURACY = 0.9;

async function allReliable(tx: Tx, projectId: string, labellerIds: string[]): Promise<boolean> {
  const acc = await latestAccuracies(tx, projectId, labellerIds);
  return labellerIds.every((id) => (acc.get(id) ?? 0) >= CONSENSUS_GOLD_MIN_ACCURACY);
}
