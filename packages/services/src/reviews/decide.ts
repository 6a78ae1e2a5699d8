import { and, eq, sql } from 'drizzle-orm';
import { AppError, type TReviewDecision, type TReviewDetail, type TUser } from '@quorum/contracts';
import { reviewCrowdLeader } from '@quorum/core';
import { aggregate, goldAnswer, item, review } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { stageCountsEvent } from '../stats';
import { heldClaim, lockProjectClaims, releaseOtherClaims, reviewChanged } from './claims';
import { REVIEW_CLAIM_MINUTES, REVIEW_UNDO_MINUTES } from './constants';
import { reviewDetail } from './detail';
import { inLiveDataset } from './queries';

export type SettleInput = { decision?: TReviewDecision; label?: string; note?: string };

/**
 * Settles a claimed review. A label becomes the item's final label and a known answer: the item
 * turns into a control for future batches, which is how experts' answers feed reliability.
 * 'ambiguous' or 'invalid' excludes the item: status 'excluded', no label, no gold, and the merge
 * (which takes only 'settled' items) leaves it out of every dataset version; the decision and
 * note on the review are the reason.
 */
export async function settleReview(ctx: ServiceContext, caller: TUser, reviewId: string, input: SettleInput): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const r = await heldClaim(tx, caller, reviewId, now);
    const project = await projectForMember(tx, caller.id, r.projectId);
    const decision = input.decision ?? 'label';
    const label = decision === 'label' ? input.label : undefined;
    if (decision === 'label' && (label === undefined || !project.labels.includes(label))) {
      throw new AppError('bad_request', `label '${label ?? ''}' is not one of ${project.labels.join(', ')}`, 'label');
    }
    const note = input.note?.trim() ? input.note.trim() : null;
    const [agg] = await tx.select({ posterior: aggregate.posterior }).from(aggregate).where(eq(aggregate.itemId, r.itemId));
    const crowdLabel = reviewCrowdLeader(agg?.posterior ?? {}, project.labels);
    await tx
      .update(review)
      .set({ status: 'settled', decision, label: label ?? null, note, crowdLabel, settledBy: caller.id, settledAt: now, claimExpiresAt: null })
      .where(eq(review.id, r.id));
    if (label !== undefined) {
      await tx.update(item).set({ status: 'settled', finalLabel: label, decidedBy: 'expert', settledAt: now }).where(eq(item.id, r.itemId));
      await tx.insert(goldAnswer).values({ itemId: r.itemId, label, source: 'expert', createdAt: now }).onConflictDoNothing({ target: goldAnswer.itemId });
    } else {
      await tx.update(item).set({ status: 'excluded', finalLabel: null, decidedBy: 'expert', settledAt: now }).where(eq(item.id, r.itemId));
    }
    reviewChanged(out, r.projectId, reviewId, 'settled');
    out.event(await stageCountsEvent(tx, r.projectId));
    return reviewDetail(tx, caller, reviewId, now);
  });
}

/**
 * Takes back the caller's decision within REVIEW_UNDO_MINUTES, and everything it caused: the
 * gold answer it created and the item's final label and status. The review is claimed by the
 * caller again so they can decide anew. Refused once a live dataset version holds the item:
 * datasets are immutable, and the label may already be in an export.
 */
export async function undoReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const [target] = await tx.select({ projectId: review.projectId }).from(review).where(eq(review.id, reviewId));
    if (!target) throw new AppError('not_found', 'no such review');
    await projectForMember(tx, caller.id, target.projectId);
    // Claims lock before the row lock, the order claimReview takes them in.
    await lockProjectClaims(tx, target.projectId);
    const [r] = await tx.select().from(review).where(eq(review.id, reviewId)).for('update');
    if (!r) throw new AppError('not_found', 'no such review');
    if (r.status !== 'settled' || r.settledBy !== caller.id) throw new AppError('conflict', 'only your own decisions can be undone');
    if (r.settledAt!.getTime() + REVIEW_UNDO_MINUTES * 60_000 <= now.getTime()) throw new AppError('conflict', `decisions can be undone for ${REVIEW_UNDO_MINUTES} minutes; this one is older`);
    // The merge holds this lock for its whole transaction (see mergeDataset): either it committed
    // first and the check below sees the item's row, or it waits and then finds the item unsettled.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('merge-dataset'), hashtext(${r.projectId}))`);
    if ((await inLiveDataset(tx, [r.itemId])).size > 0) throw new AppError('conflict', 'a dataset version already holds this item; it can no longer be undone');
    await tx.delete(goldAnswer).where(and(eq(goldAnswer.itemId, r.itemId), eq(goldAnswer.source, 'expert')));
    await tx.update(item).set({ status: 'escalated', finalLabel: null, decidedBy: null, settledAt: null }).where(eq(item.id, r.itemId));
    await releaseOtherClaims(tx, out, caller, r.projectId, r.id);
    await tx
      .update(review)
      .set({ status: 'claimed', claimedBy: caller.id, claimExpiresAt: new Date(now.getTime() + REVIEW_CLAIM_MINUTES * 60_000), decision: null, label: null, note: null, crowdLabel: null, settledBy: null, settledAt: null })
      .where(eq(review.id, r.id));
    reviewChanged(out, r.projectId, reviewId, 'claimed');
    out.event(await stageCountsEvent(tx, r.projectId));
    return reviewDetail(tx, caller, reviewId, now);
  });
}
