import type { Label } from '../words';

// Module-level aliases: these run in tight loops, and a global lookup (`Math.x`) costs ~0.3 µs
// inside jest's vm sandbox, which made the simulated-crowd tests 15× slower.
const { log, exp, max, min } = Math;


/**
 * The posterior over an item's true label from OTHER labellers' accepted votes, each weighted by
 * its voter's accuracy in the one-coin model (Dawid & Skene 1979, with one accuracy per labeller
 * and errors spread evenly over the other K − 1 labels; Karger, Oh & Shah 2011 use the same
 * log-odds weights). Under that model a vote for label l multiplies the odds of l against every
 * other label by a (K − 1) / (1 − a), so
 *
 *   log P(true = l | votes) = Σ_{votes for l} log(a (K − 1) / (1 − a)) + const   (uniform prior).
 *
 * Leave-one-out is the caller's job: the labeller whose batch is being scored must not be among
 * the voters, or they would agree with themselves.
 */
export type PeerVote = { label: Label; accuracy: number };

/** One voter is never certain, and a voter below chance would turn into an anti-voter. */
export const PEER_ACCURACY_MIN = 0.5 + 1e-3;
export const PEER_ACCURACY_MAX = 0.99;

export function peerConsensusWeight(accuracy: number, k: number): number {
  if (!Number.isFinite(accuracy)) {
    throw new RangeError(`accuracy must be a finite number, got ${accuracy}`);
  }
  const a = min(PEER_ACCURACY_MAX, max(PEER_ACCURACY_MIN, accuracy));
  return log((a * (k - 1)) / (1 - a));
}

export function peerConsensus(votes: readonly PeerVote[], labels: readonly Label[]): Record<Label, number> {
  if (labels.length < 2) {
    throw new RangeError('peerConsensus needs at least two labels');
  }
  // A Map, so a label such as "__proto__" is just a key (as in majorityVote).
  const score = new Map<Label, number>(labels.map((l) => [l, 0]));
  for (const v of votes) {
    const s = score.get(v.label);
    if (s === undefined) {
      throw new RangeError(`vote '${v.label}' is not in the label set`);
    }
    score.set(v.label, s + peerConsensusWeight(v.accuracy, labels.length));
  }
  // Softmax with the maximum subtracted, so twenty confident votes do not overflow exp().
  const top = max(...score.values());
  const entries = [...score].map(([l, s]) => [l, exp(s - top)] as const);
  const total = entries.reduce((acc, [, w]) => acc + w, 0);
  return Object.fromEntries(entries.map(([l, w]) => [l, w / total]));
}
