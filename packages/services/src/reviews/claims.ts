import { and, eq, ne, or, sql } from 'drizzle-orm';
import { AppError, rooms, type TReviewDetail, type TUser } from '@quorum/contracts';
import { review, type Tx } from '@quorum/db';
import { inTransaction, type Outbox, type ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { REVIEW_CLAIM_MINUTES } from './constants';
import { reviewDetail } from './detail';
import type { ReviewRow } from './queries';
import { holdsClaim } from './view';

const leaseEnd = (now: Date) => new Date(now.getTime() + REVIEW_CLAIM_MINUTES * 60_000);

/** The queue event. claimedBy stays null: other experts learn that an item is taken, not by whom. */
export function reviewChanged(out: Outbox, projectId: string, reviewId: string, status: 'queued' | 'claimed' | 'settled'): void {
  out.event({ name: 'review:changed', room: rooms.experts(projectId), payload: { projectId, reviewId, status, claimedBy: null } });
}

/**
 * Serialises claims within a project. Claiming also releases the caller's other claim, so two
 * experts swapping items would otherwise lock the two rows in opposite orders and deadlock; a
 * claim takes a few milliseconds, so queueing them per project costs nothing noticeable.
 */
export async function lockProjectClaims(tx: Tx, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('review-claim'), hashtext(${projectId}))`);
}

/** An expert works on one item at a time: taking another gives back the one they held. */
export async function releaseOtherClaims(tx: Tx, out: Outbox, caller: TUser, projectId: string, keepReviewId: string): Promise<void> {
  const released = await tx
    .update(review)
    .set({ status: 'queued', claimedBy: null, claimExpiresAt: null })
    .where(and(eq(review.projectId, projectId), eq(review.status, 'claimed'), eq(review.claimedBy, caller.id), ne(review.id, keepReviewId)))
    .returning({ id: review.id });
  for (const r of released) reviewChanged(out, projectId, r.id, 'queued');
}

/**
 * Claims a review as a lease. The condition sits in the UPDATE's WHERE: of two experts racing,
 * the second re-checks it on the row the first just wrote (PostgreSQL re-evaluates the WHERE of
 * an UPDATE that waited on a row lock) and finds it taken. Claiming one's own claim renews it.
 */
export async function claimReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const [target] = await tx.select({ projectId: review.projectId }).from(review).where(eq(review.id, reviewId));
    if (!target) throw new AppError('not_found', 'no such review');
    await projectForMember(tx, caller.id, target.projectId);
    await lockProjectClaims(tx, target.projectId);
    await releaseOtherClaims(tx, out, caller, target.projectId, reviewId);
    const [claimed] = await tx
      .update(review)
      .set({ status: 'claimed', claimedBy: caller.id, claimExpiresAt: leaseEnd(now) })
      .where(
        and(
          eq(review.id, reviewId),
          or(eq(review.status, 'queued'), and(eq(review.status, 'claimed'), or(eq(review.claimedBy, caller.id), sql`${review.claimExpiresAt} <= ${now}`))),
        ),
      )
      .returning();
    if (!claimed) {
      const [r] = await tx.select({ status: review.status }).from(review).where(eq(review.id, reviewId));
      throw new AppError('conflict', r?.status === 'settled' ? 'this review is already settled' : 'another expert is working on this review');
    }
    reviewChanged(out, claimed.projectId, reviewId, 'claimed');
    return reviewDetail(tx, caller, reviewId, now);
  });
}

/** The caller's live claim on a review, locked; anything else is a 409 saying why. */
export async function heldClaim(tx: Tx, caller: TUser, reviewId: string, now: Date): Promise<ReviewRow> {
  const [r] = await tx.select().from(review).where(eq(review.id, reviewId)).for('update');
  if (!r) throw new AppError('not_found', 'no such review');
  await projectForMember(tx, caller.id, r.projectId);
  if (r.status === 'settled') throw new AppError('conflict', 'this review is already settled');
  if (!holdsClaim(r, caller, now)) throw new AppError('conflict', 'claim the review first (your claim may have expired)');
  return r;
}

/** Extends the caller's claim by a full lease; the web app calls it while the expert is active. */
export async function renewReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const r = await heldClaim(tx, caller, reviewId, now);
    await tx.update(review).set({ claimExpiresAt: leaseEnd(now) }).where(eq(review.id, r.id));
    return reviewDetail(tx, caller, reviewId, now);
  });
}

export async function releaseReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const r = await heldClaim(tx, caller, reviewId, now);
    await tx.update(review).set({ status: 'queued', claimedBy: null, claimExpiresAt: null }).where(eq(review.id, r.id));
    reviewChanged(out, r.projectId, reviewId, 'queued');
    return reviewDetail(tx, caller, reviewId, now);
  });
}

/**
 * Returns claims whose lease ran out to the queue, and tells experts so the items reappear in
 * their lists. Listing already treats an expired claim as claimable; the sweep makes it visible
 * live. Runs with the assignment lease sweep; idempotent.
 */
export async function sweepExpiredReviewClaims(ctx: ServiceContext): Promise<{ reviewClaims: number }> {
  return inTransaction(ctx, async (tx, out) => {
    const expired = await tx
      .update(review)
      .set({ status: 'queued', claimedBy: null, claimExpiresAt: null })
      .where(and(eq(review.status, 'claimed'), sql`${review.claimExpiresAt} <= ${ctx.now()}`))
      .returning({ id: review.id, projectId: review.projectId });
    for (const r of expired) reviewChanged(out, r.projectId, r.id, 'queued');
    return { reviewClaims: expired.length };
  });
}
