import type { CrowdIndex } from './crowd-labels';

// Module-level alias: a global lookup (`Math.x`) costs ~0.3 µs inside jest's vm sandbox.
const { log } = Math;

/**
 * What an aggregation says about each item, from its posteriors (nItems × K):
 *   winner        arg-max class; a tie goes to the lowest class index, i.e. the first label in the
 *                 label set's order, so the same input always gives the same answer. `tied` marks
 *                 it, so callers that must not pick (escalationDecide) can escalate instead.
 *   disagreement  posterior entropy divided by log K, K = the size of the label set (unused labels
 *                 included), as disagreementPosteriorEntropy: 0 = certain, 1 = uniform over all K.
 *   voteEntropy   the same on the raw vote shares, the committee measure of disagreementVoteEntropy
 *                 (Dagan & Engelson 1995). An item without labels has vote entropy 0 and the
 *                 disagreement of its posterior (the class prior).
 * With one class both are 0.
 */
export type ItemSummaries = {
  winner: Int32Array;
  tied: Uint8Array;
  disagreement: Float64Array;
  voteEntropy: Float64Array;
  votes: Int32Array;
};

/** Posteriors closer than this (relative) are a tie: EM leaves symmetric classes a few ulps apart. */
export const ITEM_TIE_TOLERANCE = 1e-9;

/** Shannon entropy of weights[from … from + k − 1] over their sum, divided by log k. */
function itemEntropy(weights: Float64Array, from: number, k: number): number {
  let total = 0;
  for (let t = 0; t < k; t++) total += weights[from + t]!;
  if (k < 2 || !(total > 0)) return 0;
  let h = 0;
  for (let t = 0; t < k; t++) {
    const p = weights[from + t]! / total;
    if (p > 0) h -= p * log(p);
  }
  // Rounding can push a uniform distribution a hair past 1.
  return Math.min(1, Math.max(0, h / log(k)));
}

export function itemSummaries(index: CrowdIndex, posteriors: Float64Array): ItemSummaries {
  const { nItems, nClasses: K } = index;
  if (posteriors.length !== nItems * K) {
    throw new RangeError(`posteriors must be nItems × nClasses = ${nItems * K} long, got ${posteriors.length}`);
  }
  const winner = new Int32Array(nItems);
  const tied = new Uint8Array(nItems);
  const disagreement = new Float64Array(nItems);
  const voteEntropy = new Float64Array(nItems);
  const votes = new Int32Array(nItems);
  const counts = new Float64Array(K);
  for (let i = 0; i < nItems; i++) {
    const row = i * K;
    let top = posteriors[row]!;
    for (let t = 1; t < K; t++) if (posteriors[row + t]! > top) top = posteriors[row + t]!;
    // The first class within the tolerance of the top wins, so ulps cannot overrule label order.
    let best = -1;
    for (let t = 0; t < K; t++) {
      if (top - posteriors[row + t]! <= ITEM_TIE_TOLERANCE * top) {
        if (best >= 0) tied[i] = 1;
        else best = t;
      }
    }
    winner[i] = best;
    disagreement[i] = itemEntropy(posteriors, row, K);
    counts.fill(0);
    for (let p = index.itemStart[i]!; p < index.itemStart[i + 1]!; p++) counts[index.label[p]!]!++;
    votes[i] = index.itemStart[i + 1]! - index.itemStart[i]!;
    voteEntropy[i] = itemEntropy(counts, 0, K);
  }
  return { winner, tied, disagreement, voteEntropy, votes };
}
