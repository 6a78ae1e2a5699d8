import type { TReviewSummary, TUser } from '@quorum/contracts';
import { reviewCrowdLeader, reviewModelConfidence, reviewPriority, type ReviewBucketRecord } from '@quorum/core';
import type { CandidateRow, ReviewRow } from './queries';

export const holdsClaim = (r: ReviewRow, caller: TUser, now: Date) => r.status === 'claimed' && r.claimedBy === caller.id && r.claimExpiresAt! > now;
/** An expired claim reads as queued, so the queue never shows an abandoned item as taken. */
export const effectiveStatus = (r: ReviewRow, now: Date) => (r.status === 'claimed' && r.claimExpiresAt! <= now ? 'queued' : r.status);

/** A review as an expert sees it in the queue; another expert's claim shows as 'claimed' only. */
export function toSummary(row: CandidateRow, texts: { textA: string; textB: string }, caller: TUser, now: Date, labels: readonly string[], buckets: ReadonlyMap<number, ReviewBucketRecord>): TReviewSummary {
  const r = row.r;
  const mine = holdsClaim(r, caller, now);
  const posterior = row.posterior ?? {};
  return {
    id: r.id,
    projectId: r.projectId,
    status: effectiveStatus(r, now),
    createdAt: r.createdAt.toISOString(),
    textA: texts.textA,
    textB: texts.textB,
    agreement: row.agreement ?? 0,
    disagreement: row.disagreement ?? 0,
    claimedByMe: mine,
    claimExpiresAt: mine ? r.claimExpiresAt!.toISOString() : null,
    priority: reviewPriority({ posterior, labels, modelConfidence: reviewModelConfidence(row.modelProbs), buckets }),
    crowdLabel: reviewCrowdLeader(posterior, labels),
    voteCounts: row.votes ?? {},
    modelLabel: row.modelLabel,
  };
}
