import { and, desc, eq, sql } from 'drizzle-orm';
import { type TReviewAgreement, type TReviewHistoryEntry, type TUser } from '@quorum/contracts';
import { reviewAgreementFigures, reviewSumCounts, type ReviewDecisionCounts } from '@quorum/core';
import { item, review, sample, user } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { REVIEW_UNDO_MINUTES } from './constants';
import { inLiveDataset } from './queries';

/** The caller's settled reviews in a project, newest first, one page at a time. */
export async function reviewHistory(ctx: ServiceContext, caller: TUser, projectId: string, page: { page: number; pageSize: number }): Promise<{ entries: TReviewHistoryEntry[]; total: number; page: number; pageSize: number }> {
  await projectForMember(ctx.db, caller.id, projectId);
  const now = ctx.now();
  const mine = and(eq(review.projectId, projectId), eq(review.status, 'settled'), eq(review.settledBy, caller.id));
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(review).where(mine);
  const rows = await ctx.db
    .select({ r: review, textA: sample.textA, textB: sample.textB })
    .from(review)
    .innerJoin(item, eq(item.id, review.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .where(mine)
    .orderBy(desc(review.settledAt), desc(review.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const merged = await inLiveDataset(ctx.db, rows.map((row) => row.r.itemId));
  const entries = rows.map(({ r, textA, textB }): TReviewHistoryEntry => {
    const until = r.settledAt!.getTime() + REVIEW_UNDO_MINUTES * 60_000;
    const inDataset = merged.has(r.itemId);
    return {
      id: r.id,
      projectId: r.projectId,
      textA,
      textB,
      decision: r.decision ?? 'label',
      label: r.label,
      note: r.note,
      crowdLabel: r.crowdLabel,
      settledAt: r.settledAt!.toISOString(),
      undoableUntil: until > now.getTime() && !inDataset ? new Date(until).toISOString() : null,
      inDataset,
    };
  });
  return { entries, total: count?.n ?? 0, page: page.page, pageSize: page.pageSize };
}

/**
 * How often experts chose the crowd's leading label, per expert and for the project. The crowd
 * label is the one recorded when the expert decided. Experts see only their own row next to the
 * project's figure; engineers see every expert's.
 */
export async function reviewAgreement(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TReviewAgreement> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await ctx.db
    .select({
      expertId: review.settledBy,
      displayName: user.displayName,
      decisions: sql<number>`count(*)::int`,
      ambiguous: sql<number>`count(*) filter (where ${review.decision} = 'ambiguous')::int`,
      invalid: sql<number>`count(*) filter (where ${review.decision} = 'invalid')::int`,
      comparable: sql<number>`count(*) filter (where ${review.decision} = 'label' and ${review.crowdLabel} is not null)::int`,
      agreed: sql<number>`count(*) filter (where ${review.decision} = 'label' and ${review.label} = ${review.crowdLabel})::int`,
    })
    .from(review)
    .innerJoin(user, eq(user.id, review.settledBy))
    .where(and(eq(review.projectId, projectId), eq(review.status, 'settled')))
    .groupBy(review.settledBy, user.displayName)
    .orderBy(user.displayName);
  const counts = (r: (typeof rows)[number]): ReviewDecisionCounts => ({ decisions: r.decisions, ambiguous: r.ambiguous, invalid: r.invalid, comparable: r.comparable, agreed: r.agreed });
  const visible = caller.role === 'engineer' ? rows : rows.filter((r) => r.expertId === caller.id);
  return {
    project: reviewAgreementFigures(reviewSumCounts(rows.map(counts))),
    experts: visible.map((r) => ({ expertId: r.expertId!, displayName: r.displayName, isMe: r.expertId === caller.id, ...reviewAgreementFigures(counts(r)) })),
  };
}
