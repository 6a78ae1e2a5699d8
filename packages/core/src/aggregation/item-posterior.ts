import { entropyNormalised } from '../entropy';
import type { Label } from '../words';
import type { AggregationMethod } from './aggregate-labels';
import { aggregationModelLabeller, type AggregationModel } from './aggregation-model';
import { escalationDecide, type EscalationOutcome } from './escalation';
import { ITEM_TIE_TOLERANCE } from './item-summary';
import { weightedVoteWeight } from './weighted-vote';

// Module-level aliases: a global lookup (`Math.x`) costs ~0.3 µs inside jest's vm sandbox.
const { log, exp, max } = Math;

/**
 * One item's posterior from its votes and a fitted model (or aggregationModelDefault), in the
 * model's label order; the per-item twin of the bulk methods in model-posteriors.ts:
 *   dawid-skene  prior(t) · Π_votes P(answer | t) with each voter's confusion (Dawid & Skene 1979),
 *                in log space; a voter the model has not seen has the pooled confusion
 *   weighted     one-coin log-odds weights from the voters' accuracies, uniform prior
 *                (weightedVotePosteriors)
 *   majority     vote shares
 */
export type AggregationVote = { labeller: string; label: Label };

export function aggregationPosterior(method: AggregationMethod, model: AggregationModel, votes: readonly AggregationVote[]): number[] {
  const k = model.labels.length;
  const classOf = new Map(model.labels.map((l, t) => [l, t]));
  const answers = votes.map((v) => {
    const l = classOf.get(v.label);
    if (l === undefined) throw new RangeError(`vote '${v.label}' is not in the label set`);
    return { l, who: aggregationModelLabeller(model, v.labeller) };
  });
  if (answers.length === 0) throw new RangeError('an item needs at least one vote to be aggregated');
  const scores = new Array<number>(k).fill(0);
  if (method === 'majority') {
    for (const a of answers) scores[a.l]!++;
    return scores.map((c) => c / answers.length);
  }
  if (method === 'weighted') {
    for (const a of answers) scores[a.l]! += weightedVoteWeight(a.who.accuracy, k);
  } else {
    for (let t = 0; t < k; t++) {
      scores[t] = log(model.classPrior[t]!);
      for (const a of answers) scores[t]! += log(max(a.who.confusion[t]![a.l]!, 1e-300));
    }
  }
  // Softmax with the maximum subtracted, so many confident votes cannot overflow exp().
  const top = max(...scores);
  const e = scores.map((s) => exp(s - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

/**
 * What the platform stores and decides from a posterior: the winner (null on a tie, which always
 * escalates), the disagreement (posterior entropy, normalised), the vote entropy shown beside it,
 * the winner's vote share (`agreement`; the top share on a tie) and the outcome by the project's
 * escalateBelowPosterior.
 */
export type ItemAggregateSummary = {
  winner: Label | null;
  tied: boolean;
  disagreement: number;
  voteEntropy: number;
  agreement: number;
  outcome: EscalationOutcome;
};

export function aggregationSummary(labels: readonly Label[], posterior: readonly number[], voteCounts: readonly number[], escalateBelowPosterior: number): ItemAggregateSummary {
  const top = max(...posterior);
  const leaders = posterior.flatMap((p, t) => (top - p <= ITEM_TIE_TOLERANCE * top ? [t] : []));
  const tied = leaders.length > 1;
  const winner = tied ? null : labels[leaders[0]!]!;
  const votes = voteCounts.reduce((a, b) => a + b, 0);
  const share = (t: number) => (votes > 0 ? voteCounts[t]! / votes : 0);
  return {
    winner,
    tied,
    disagreement: entropyNormalised(posterior),
    voteEntropy: votes > 0 ? entropyNormalised(voteCounts) : 0,
    agreement: tied ? max(...voteCounts.map((_, t) => share(t))) : share(leaders[0]!),
    outcome: escalationDecide({ winnerPosterior: top, tied }, escalateBelowPosterior),
  };
}
