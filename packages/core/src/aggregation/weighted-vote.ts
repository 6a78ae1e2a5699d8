import type { CrowdIndex } from './crowd-labels';

// Module-level aliases: a global lookup (`Math.x`) costs ~0.3 µs inside jest's vm sandbox.
const { log, exp, min, max } = Math;

/**
 * Vote posteriors over typed labels, row-major nItems × K. An item nobody labelled gets the uniform
 * row (nothing is known about it), so every row sums to 1.
 */

/** Unweighted majority vote as vote shares: the baseline of Sheng, Provost & Ipeirotis 2008. */
export function majorityVotePosteriors(index: CrowdIndex): Float64Array {
  const K = index.nClasses;
  const post = new Float64Array(index.nItems * K);
  for (let i = 0; i < index.nItems; i++) {
    const from = index.itemStart[i]!;
    const to = index.itemStart[i + 1]!;
    if (to === from) {
      post.fill(1 / K, i * K, i * K + K);
      continue;
    }
    for (let p = from; p < to; p++) post[i * K + index.label[p]!]! += 1 / (to - from);
  }
  return post;
}

/** Accuracy clamp of the weights: nobody is certain, and nobody is worse than chance (see below). */
export const WEIGHTED_VOTE_ACCURACY_MAX = 0.99;

/**
 * The vote weight of a labeller of accuracy a among K classes in the one-coin model (Dawid & Skene
 * 1979 with one accuracy per labeller and errors spread evenly over the other K − 1 classes; the
 * same log-odds weights as Karger, Oh & Shah 2011 and Li & Yu 2014): a vote for l multiplies the odds
 * of l against any other class by a(K − 1)/(1 − a), so
 *   w = log(K − 1) + log(a / (1 − a)).
 * a is clamped to [1/K, 0.99]: at 1/K (chance) the weight is 0, and a labeller measured below
 * chance gets 0 too rather than a negative weight, because "below chance" on thin data is far more
 * often noise than a reliable anti-voter. (peerConsensusWeight clamps at 0.5 for the binary case.)
 */
export function weightedVoteWeight(accuracy: number, k: number): number {
  if (!Number.isFinite(accuracy)) {
    throw new RangeError(`accuracy must be a finite number, got ${accuracy}`);
  }
  // At or below chance exactly 0, not the −1e-16 that log(K − 1) + log(a/(1 − a)) rounds to.
  if (k < 2 || accuracy <= 1 / k) return 0;
  const a = min(WEIGHTED_VOTE_ACCURACY_MAX, accuracy);
  return log(k - 1) + log(a / (1 - a));
}

/**
 * One-coin posterior with a uniform class prior: softmax over classes of the summed weights of the
 * votes for each class. `accuracy` holds one accuracy per worker.
 */
export function weightedVotePosteriors(index: CrowdIndex, accuracy: Float64Array): Float64Array {
  const K = index.nClasses;
  if (accuracy.length !== index.nWorkers) {
    throw new RangeError(`accuracy must have one entry per worker (${index.nWorkers}), got ${accuracy.length}`);
  }
  const weight = new Float64Array(index.nWorkers);
  for (let w = 0; w < index.nWorkers; w++) weight[w] = weightedVoteWeight(accuracy[w]!, K);
  const post = new Float64Array(index.nItems * K);
  for (let i = 0; i < index.nItems; i++) {
    const row = i * K;
    for (let p = index.itemStart[i]!; p < index.itemStart[i + 1]!; p++) post[row + index.label[p]!]! += weight[index.worker[p]!]!;
    // Softmax with the maximum subtracted, so many confident votes cannot overflow exp().
    let top = post[row]!;
    for (let t = 1; t < K; t++) top = max(top, post[row + t]!);
    let total = 0;
    for (let t = 0; t < K; t++) total += post[row + t] = exp(post[row + t]! - top);
    for (let t = 0; t < K; t++) post[row + t]! /= total;
  }
  return post;
}
