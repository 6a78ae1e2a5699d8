import { and, eq } from 'drizzle-orm';
import { jobIds, rooms } from '@quorum/contracts';
import { disagreementVoteEntropy, escalationDecide, majorityVote } from '@quorum/core';
import { aggregate, assignment, goldAnswer, item, label, project, review, type Tx } from '@quorum/db';
import { latestAccuracies } from './reliability';
import { inTransaction, type ServiceContext } from './context';
import { stageCountsEvent } from './stats';

/**
 * Aggregates an item once it has `overlap` accepted labels: majority vote, vote-entropy
 * disagreement, then settled or escalated to expert review by the project's agreement rule.
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
    const vote = majorityVote(
      votes.map((v) => v.value),
      p!.labels,
    );
    const disagreement = disagreementVoteEntropy(vote.counts);
    const outcome = escalationDecide(vote, p!.escalateBelowAgreement);
    const now = ctx.now();
    const values = { method: 'majority-vote', posterior: vote.posterior, votes: vote.counts, winner: vote.winner, agreement: vote.agreement, disagreement, labelCount: votes.length, outcome, computedAt: now };
    await tx.insert(aggregate).values({ itemId, ...values }).onConflictDoUpdate({ target: aggregate.itemId, set: values });
    if (outcome === 'settled') {
      await tx.update(item).set({ status: 'settled', finalLabel: vote.winner, decidedBy: 'crowd', settledAt: now }).where(eq(item.id, itemId));
      if (p!.goldFromConsensus && vote.agreement === 1 && (await allReliable(tx, it.projectId, votes.map((v) => v.labellerId)))) {
        await tx.insert(goldAnswer).values({ itemId, label: vote.winner!, source: 'consensus', createdAt: now }).onConflictDoNothing({ target: goldAnswer.itemId });
      }
    } else {
      await tx.update(item).set({ status: 'escalated' }).where(eq(item.id, itemId));
      const [r] = await tx.insert(review).values({ projectId: it.projectId, itemId, createdAt: now }).onConflictDoNothing({ target: review.itemId }).returning();
      if (r) out.event({ name: 'review:changed', room: rooms.experts(it.projectId), payload: { projectId: it.projectId, reviewId: r.id, status: 'queued', claimedBy: null } });
    }
    // The item left the open pool: selection may top it up again.
    out.job({ name: 'select-items', payload: { projectId: it.projectId }, opts: { dedupeId: jobIds.selectItems(it.projectId) } });
    out.event(await stageCountsEvent(tx, it.projectId));
    return outcome;
  });
}

/** Consensus gold needs unanimity from labellers measured as reliable, not merely agreement. */
export const CONSENSUS_GOLD_MIN_ACCURACY = 0.9;

async function allReliable(tx: Tx, projectId: string, labellerIds: string[]): Promise<boolean> {
  const acc = await latestAccuracies(tx, projectId, labellerIds);
  return labellerIds.every((id) => (acc.get(id) ?? 0) >= CONSENSUS_GOLD_MIN_ACCURACY);
}
