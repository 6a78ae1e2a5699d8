/**
 * Turns a batch's posterior P(spammer) into accept / reject / wait (DESIGN.md step 4).
 *
 * Two thresholds make a band of doubt. Inside it the batch waits while some of its items still
 * expect peer labels (more evidence will come) and the wait is bounded; once nothing more can come,
 * or the bound has passed, the batch is decided at 0.5, the Bayes decision for equal costs.
 *
 * Defaults, with the figures behind them (test/batch-evidence-crowd.test.ts: simulated crowds,
 * 10 items with 1 gold, prior 0.1, 4 peers per item):
 * - rejectAbove 0.9: rejecting an honest batch costs a labeller their pay, so a reject needs 9:1
 *   odds; 100 % of fast random batches reach it at once, ≤ 0.1 % of honest (≥ 0.7) batches do.
 * - acceptBelow 0.3: a batch with no sign of spam (posterior ≈ prior 0.1 or lower) is accepted at
 *   once so its labels count without delay. The band between waits for peers: 2 % of honest 0.7
 *   batches land in it, 19 % of random-at-human-pace, 31–40 % of constant / alternating ones.
 * - maxWaitSeconds 3600: with overlap 5 an item usually gets its peer labels within minutes on an
 *   active project; an hour bounds how long a labeller waits for the outcome.
 */
export type BatchDecisionRule = { rejectAbove: number; acceptBelow: number; maxWaitSeconds: number };

export type BatchDecision = 'accept' | 'reject' | 'wait';

export const BATCH_DECISION_DEFAULTS: Readonly<BatchDecisionRule> = Object.freeze({
  rejectAbove: 0.9,
  acceptBelow: 0.3,
  maxWaitSeconds: 3600,
});

export function decideBatch(
  args: { posteriorSpam: number; itemsAwaitingPeers: number; waitedSeconds: number },
  rule: BatchDecisionRule = BATCH_DECISION_DEFAULTS,
): BatchDecision {
  const { posteriorSpam, itemsAwaitingPeers, waitedSeconds } = args;
  if (!(posteriorSpam >= 0 && posteriorSpam <= 1)) {
    throw new RangeError(`posteriorSpam must be in [0, 1], got ${posteriorSpam}`);
  }
  if (!(rule.acceptBelow <= 0.5 && rule.rejectAbove >= 0.5 && rule.acceptBelow < rule.rejectAbove)) {
    throw new RangeError('need acceptBelow ≤ 0.5 ≤ rejectAbove and acceptBelow < rejectAbove');
  }
  if (posteriorSpam >= rule.rejectAbove) return 'reject';
  if (posteriorSpam <= rule.acceptBelow) return 'accept';
  if (itemsAwaitingPeers > 0 && waitedSeconds < rule.maxWaitSeconds) return 'wait';
  return posteriorSpam >= 0.5 ? 'reject' : 'accept';
}
