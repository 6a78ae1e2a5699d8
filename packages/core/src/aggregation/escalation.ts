/**
 * Whether an aggregated item is settled or goes to the expert queue: escalated when the winning
 * label's posterior is below the project's escalateBelowPosterior, or when there is no single
 * winner (a tie always escalates, whatever the threshold: there is nothing to settle on). The
 * comparison is strict: a posterior exactly at the threshold settles. The default threshold, 0.9,
 * is the README's "How aggregation works" (simulated crowds: bench/escalation-threshold.ts).
 */
export type EscalationOutcome = 'settled' | 'escalated';

export function escalationDecide(aggregate: { winnerPosterior: number; tied: boolean }, escalateBelowPosterior: number): EscalationOutcome {
  if (Number.isNaN(aggregate.winnerPosterior) || Number.isNaN(escalateBelowPosterior)) {
    throw new RangeError('posterior and threshold must be numbers');
  }
  return aggregate.tied || aggregate.winnerPosterior < escalateBelowPosterior ? 'escalated' : 'settled';
}
