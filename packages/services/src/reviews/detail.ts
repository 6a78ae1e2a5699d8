import { AppError, type TReviewDetail, type TUser } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { REVIEW_UNDO_MINUTES } from './constants';
import { voterPseudonym } from './pseudonym';
import { crowdVotes, inLiveDataset, latestReliability, modelRecordByBucket, reviewById, similarSettledItems } from './queries';
import { toSummary } from './view';

/**
 * One review with everything an expert decides on: the pair, every accepted crowd vote with the
 * voter's reliability under a pseudonym, the model's prediction, the posterior and similar items
 * already settled. Membership is checked here, so every use case that returns a detail checks it.
 */
export async function reviewDetail(db: DbOrTx, caller: TUser, reviewId: string, now: Date): Promise<TReviewDetail> {
  const row = await reviewById(db, reviewId);
  if (!row) throw new AppError('not_found', 'no such review');
  const project = await projectForMember(db, caller.id, row.r.projectId);
  const r = row.r;
  const texts = { textA: row.textA, textB: row.textB };
  const votes = await crowdVotes(db, r.itemId);
  const reliability = await latestReliability(db, project.id, [...new Set(votes.map((v) => v.labeller_id))]);
  const similar = await similarSettledItems(db, project.id, r.itemId, texts.textA, texts.textB);
  const mineToUndo = r.status === 'settled' && r.settledBy === caller.id && r.settledAt!.getTime() + REVIEW_UNDO_MINUTES * 60_000 > now.getTime();
  const merged = mineToUndo ? await inLiveDataset(db, [r.itemId]) : new Set<string>();
  return {
    ...toSummary(row, texts, caller, now, project.labels, await modelRecordByBucket(db, project.id)),
    labels: project.labels,
    model: { label: row.modelLabel, probs: row.modelProbs, version: row.modelVersion },
    votes: votes.map((v) => ({ voter: voterPseudonym(project.pseudonymKey, project.id, v.labeller_id), label: v.value, reliability: reliability.get(v.labeller_id) ?? null })),
    posterior: row.posterior ?? {},
    similar: similar.map((s) => ({
      itemId: s.item_id,
      textA: s.text_a,
      textB: s.text_b,
      label: s.final_label,
      decision: s.decision ?? (s.status === 'excluded' ? 'invalid' : 'label'),
      decidedBy: s.decided_by ?? 'crowd',
      similarity: Number(s.similarity),
    })),
    decision: r.decision,
    label: r.label,
    note: r.note,
    settledAt: r.settledAt?.toISOString() ?? null,
    undoableUntil: mineToUndo && !merged.has(r.itemId) ? new Date(r.settledAt!.getTime() + REVIEW_UNDO_MINUTES * 60_000).toISOString() : null,
  };
}

export async function getReview(ctx: ServiceContext, caller: TUser, reviewId: string): Promise<TReviewDetail> {
  return reviewDetail(ctx.db, caller, reviewId, ctx.now());
}
