import { and, eq, or } from 'drizzle-orm';
import { AppError, type TReviewSummary, type TUser } from '@quorum/contracts';
import { review } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { claimableWhere, heldByWhere, modelRecordByBucket, reviewCandidates, reviewTexts } from './queries';
import { toSummary } from './view';

export type ReviewQueueQuery = {
  status: 'queued' | 'claimed' | 'settled' | 'open';
  crowdLabel?: string;
  modelLabel?: string;
  minDisagreement?: number;
  q?: string;
  limit?: number;
};

/**
 * The expert queue, most worth settling first (core's reviewPriority: the crowd's posterior
 * entropy times the model's error rate in the item's confidence bucket). 'open' is what the
 * caller can work on: claimable reviews plus the claim they hold, which comes first. Another
 * expert's live claim is never listed. Ranking happens here rather than in SQL so the formula
 * lives once, in core; the candidates are one project's escalated items, and only the page's
 * texts are read.
 */
export async function listReviews(ctx: ServiceContext, caller: TUser, projectId: string, query: ReviewQueueQuery): Promise<{ reviews: TReviewSummary[]; total: number }> {
  const project = await projectForMember(ctx.db, caller.id, projectId);
  for (const field of ['crowdLabel', 'modelLabel'] as const) {
    const l = query[field];
    if (l !== undefined && !project.labels.includes(l)) throw new AppError('bad_request', `${field}: '${l}' is not one of ${project.labels.join(', ')}`, field);
  }
  const now = ctx.now();
  const where =
    query.status === 'open'
      ? or(claimableWhere(now), heldByWhere(caller.id, now))
      : query.status === 'queued'
        ? claimableWhere(now)
        : query.status === 'claimed'
          ? heldByWhere(caller.id, now)
          : and(eq(review.status, 'settled'), eq(review.settledBy, caller.id));
  const rows = await reviewCandidates(ctx.db, projectId, { where, modelLabel: query.modelLabel, q: query.q });
  const buckets = await modelRecordByBucket(ctx.db, projectId);
  const blank = { textA: '', textB: '' };
  let ranked = rows.map((row) => ({ row, s: toSummary(row, blank, caller, now, project.labels, buckets) }));
  if (query.crowdLabel !== undefined) ranked = ranked.filter((x) => x.s.crowdLabel === query.crowdLabel);
  if (query.minDisagreement !== undefined) ranked = ranked.filter((x) => x.s.priority.entropy >= query.minDisagreement! - 1e-9);
  ranked.sort((a, b) =>
    query.status === 'settled'
      ? b.row.r.settledAt!.getTime() - a.row.r.settledAt!.getTime()
      : Number(b.s.claimedByMe) - Number(a.s.claimedByMe) || b.s.priority.score - a.s.priority.score || a.row.r.createdAt.getTime() - b.row.r.createdAt.getTime() || a.row.r.id.localeCompare(b.row.r.id),
  );
  const page = ranked.slice(0, query.limit ?? 200);
  const texts = await reviewTexts(ctx.db, page.map((x) => x.row.r.id));
  return { reviews: page.map((x) => ({ ...x.s, ...(texts.get(x.row.r.id) ?? blank) })), total: ranked.length };
}
