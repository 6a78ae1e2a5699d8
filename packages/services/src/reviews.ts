import { createHash } from 'node:crypto';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { AppError, rooms, type TReviewDetail, type TReviewSummary, type TUser } from '@quorum/contracts';
import { aggregate, assignment, goldAnswer, item, label, review, sample, type DbOrTx } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { projectForMember } from './projects';
import { stageCountsEvent } from './stats';

/** How long a claim holds; an abandoned claim returns to the queue after it. */
export const REVIEW_CLAIM_MINUTES = 10;

type ReviewRow = typeof review.$inferSelect;

/** Experts see voters as stable pseudonyms: the same labeller reads the same in one project. */
export function voterPseudonym(projectId: string, labellerId: string): string {
  return `Labeller ${createHash('sha256').update(`${projectId}:${labellerId}`).digest('hex').slice(0, 6)}`;
}

const holdsClaim = (r: ReviewRow, caller: TUser, now: Date) => r.status === 'claimed' && r.claimedBy === caller.id && r.claimExpiresAt! > now;
/** An expired claim reads as queued, so the queue never shows an abandoned item as taken. */
const effectiveStatus = (r: ReviewRow, now: Date) => (r.status === 'claimed' && r.claimExpiresAt! <= now ? 'queued' : r.status);

function summaryQuery(db: DbOrTx) {
  return db
    .select({ r: review, textA: sample.textA, textB: sample.textB, agreement: aggregate.agreement, disagreement: aggregate.disagreement })
    .from(review)
    .innerJoin(item, eq(item.id, review.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(aggregate, eq(aggregate.itemId, review.itemId));
}

function toSummary(row: Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number], caller: TUser, now: Date): TReviewSummary {
  const r = row.r;
  const mine = holdsClaim(r, caller, now);
  return {
    id: r.id,
    projectId: r.projectId,
    status: effectiveStatus(r, now),
    createdAt: r.createdAt.toISOString(),
    textA: row.textA,
    textB: row.textB,
    agreement: row.agreement ?? 0,
    disagreement: row.disagreement ?? 0,
    claimedByMe: mine,
    claimExpiresAt: mine ? r.claimExpiresAt!.toISOString() : null,
  };
}

export async function listReviews(ctx: ServiceContext, caller: TUser, projectId: string, status: 'queued' | 'claimed' | 'settled' | 'open'): Promise<TReviewSummary[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  const now = ctx.now();
  const claimable = or(eq(review.status, 'queued'), and(eq(review.status, 'claimed'), sql`${review.claimExpiresAt} <= ${now}`));
  const mine = and(eq(review.status, 'claimed'), eq(review.claimedBy, caller.id), sql`${review.claimExpiresAt} > ${now}`);
  const filter =
    status === 'open' ? or(claimable, mine) : status === 'queued' ? claimable : status === 'claimed' ? mine : and(eq(review.status, 'settled'), eq(review.settledBy, caller.id));
  // Most disagreement first: those are the items where an expert's answer is worth most.
  const rows = await summaryQuery(ctx.db)
    .where(and(eq(review.projectId, projectId), filter))
    .orderBy(sql`${aggregate.disagreement} desc nulls last`, asc(review.createdAt))
    .limit(200);
  return rows.map((row) => toSummary(row, caller, now));
}

async function reviewDetail(db: DbOrTx, caller: TUser, reviewId: string, now: Date): Promise<TReviewDetail> {
  const [row] = await summaryQuery(db)
    .where(eq(review.id, reviewId))
    .limit(1);
  if (!row) throw new AppError('not_found', 'no such review');
  const project = await projectForMember(db, caller.id, row.r.projectId);
  const [extra] = await db
    .select({ modelLabel: sample.modelLabel, modelProbs: sample.modelProbs, modelVersion: sample.modelVersion, posterior: aggregate.posterior })
    .from(item)
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(aggregate, eq(aggregate.itemId, item.id))
    .where(eq(item.id, row.r.itemId));
  const votes = await db
    .select({ labellerId: label.labellerId, value: label.value })
    .from(label)
    .innerJoin(assignment, eq(assignment.id, label.assignmentId))
    .where(and(eq(label.itemId, row.r.itemId), eq(assignment.status, 'accepted'), eq(assignment.isGold, false)))
    .orderBy(asc(label.answeredAt));
  return {
    ...toSummary(row, caller, now),
    labels: project.labels,
    model: { label: extra!.modelLabel, probs: extra!.modelProbs, version: extra!.modelVersion },
    votes: votes.map((v) => ({ voter: voterPseudonym(project.id, v.labellerId), label: v.value })),
    posterior: extra!.posterior ?? {},
    label: row.r.label,
    note: row.r.note,
    settledAt: row.r.settledAt?.toISOString() ?? null,
  };
}

export async function getReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return reviewDetail(ctx.db, caller, reviewId, ctx.now());
}

/** Claims a review as a lease. One UPDATE with the condition in its WHERE: of two experts racing, exactly one wins. */
export async function claimReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const current = await reviewDetail(tx, caller, reviewId, now);
    const until = new Date(now.getTime() + REVIEW_CLAIM_MINUTES * 60_000);
    const [claimed] = await tx
      .update(review)
      .set({ status: 'claimed', claimedBy: caller.id, claimExpiresAt: until })
      .where(
        and(
          eq(review.id, reviewId),
          or(eq(review.status, 'queued'), and(eq(review.status, 'claimed'), or(eq(review.claimedBy, caller.id), sql`${review.claimExpiresAt} <= ${now}`))),
        ),
      )
      .returning();
    if (!claimed) throw new AppError('conflict', current.status === 'settled' ? 'this review is already settled' : 'another expert is working on this review');
    out.event({ name: 'review:changed', room: rooms.experts(claimed.projectId), payload: { projectId: claimed.projectId, reviewId, status: 'claimed', claimedBy: caller.id } });
    return reviewDetail(tx, caller, reviewId, now);
  });
}

async function heldClaim(tx: DbOrTx, caller: TUser, reviewId: string, now: Date): Promise<ReviewRow> {
  const [r] = await tx.select().from(review).where(eq(review.id, reviewId)).for('update');
  if (!r) throw new AppError('not_found', 'no such review');
  await projectForMember(tx, caller.id, r.projectId);
  if (r.status === 'settled') throw new AppError('conflict', 'this review is already settled');
  if (!holdsClaim(r, caller, now)) throw new AppError('conflict', 'claim the review first (your claim may have expired)');
  return r;
}

export async function releaseReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const r = await heldClaim(tx, caller, reviewId, now);
    await tx.update(review).set({ status: 'queued', claimedBy: null, claimExpiresAt: null }).where(eq(review.id, r.id));
    out.event({ name: 'review:changed', room: rooms.experts(r.projectId), payload: { projectId: r.projectId, reviewId, status: 'queued', claimedBy: null } });
    return reviewDetail(tx, caller, reviewId, now);
  });
}

/** Settles a claimed review: the expert's label becomes the item's final label. */
export async function settleReview(ctx: ServiceContext, caller: TUser, reviewId: string, input: { label: string; note?: string }): Promise<TReviewDetail> {
  return inTransaction(ctx, async (tx, out) => {
    const now = ctx.now();
    const r = await heldClaim(tx, caller, reviewId, now);
    const project = await projectForMember(tx, caller.id, r.projectId);
    if (!project.labels.includes(input.label)) throw new AppError('bad_request', `label '${input.label}' is not one of ${project.labels.join(', ')}`, 'label');
    const note = input.note?.trim() ? input.note.trim() : null;
    await tx.update(review).set({ status: 'settled', settledBy: caller.id, settledAt: now, label: input.label, note, claimExpiresAt: null }).where(eq(review.id, r.id));
    await tx.update(item).set({ status: 'settled', finalLabel: input.label, decidedBy: 'expert', settledAt: now }).where(eq(item.id, r.itemId));
    // An expert's answer is a known answer: the item becomes a control for future batches.
    await tx.insert(goldAnswer).values({ itemId: r.itemId, label: input.label, source: 'expert', createdAt: now }).onConflictDoNothing({ target: goldAnswer.itemId });
    out.event({ name: 'review:changed', room: rooms.experts(r.projectId), payload: { projectId: r.projectId, reviewId, status: 'settled', claimedBy: null } });
    out.event(await stageCountsEvent(tx, r.projectId));
    return reviewDetail(tx, caller, reviewId, now);
  });
}
