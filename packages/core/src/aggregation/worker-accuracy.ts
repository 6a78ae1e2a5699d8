import { RELIABILITY_PRIOR_STRENGTH, reliabilityEstimate } from '../reliability/estimate-accuracy';
import { crowdGoldCheck, crowdVoteCounts, type CrowdIndex } from './crowd-labels';

/**
 * Each worker's accuracy for the weighted vote, before any model is fitted: from gold where the
 * worker answered gold items, otherwise from agreement with the leave-one-out majority of the other
 * labels on the same items. Both are shrunk toward the crowd's rate by reliabilityEstimate
 * (Beta prior of `priorStrength` pseudo-answers), so three lucky answers do not make a perfect voter.
 *
 * Leave-one-out because a worker always agrees with a majority that counts their own vote; with
 * five labels per item that would lift everyone's agreement by about a fifth. Agreement with a
 * majority still understates a good worker's accuracy (the majority is sometimes wrong) and is
 * only a stand-in where gold is missing; Dawid–Skene replaces it with a fitted confusion matrix.
 * When the other labels tie, a worker among the leaders gets 1 / (number of leaders).
 */
export type WorkerAccuracyOptions = { gold?: Int32Array; priorStrength?: number };

export type WorkerAccuracy = {
  accuracy: Float64Array;
  /** gold answers per worker (0 = accuracy from peer agreement) */
  goldTotal: Int32Array;
};

export function workerAccuracyFromVotes(index: CrowdIndex, opts: WorkerAccuracyOptions = {}): WorkerAccuracy {
  const { nItems, nWorkers, nClasses: K } = index;
  const gold = opts.gold ?? new Int32Array(nItems).fill(-1);
  crowdGoldCheck(gold, nItems, K);
  const counts = crowdVoteCounts(index);
  const goldCorrect = new Float64Array(nWorkers);
  const goldTotal = new Int32Array(nWorkers);
  const peerAgree = new Float64Array(nWorkers);
  const peerTotal = new Float64Array(nWorkers);
  for (let i = 0; i < nItems; i++) {
    const from = index.itemStart[i]!;
    const to = index.itemStart[i + 1]!;
    const g = gold[i]!;
    for (let p = from; p < to; p++) {
      const w = index.worker[p]!;
      const l = index.label[p]!;
      if (g >= 0) {
        goldTotal[w]!++;
        if (l === g) goldCorrect[w]!++;
        continue;
      }
      if (to - from < 2) continue; // no peers on this item
      // The others' votes: this item's counts less this label.
      let top = 0;
      let leaders = 0;
      for (let t = 0; t < K; t++) {
        const c = counts[i * K + t]! - (t === l ? 1 : 0);
        if (c > top) {
          top = c;
          leaders = 1;
        } else if (c === top) {
          leaders++;
        }
      }
      peerTotal[w]!++;
      if (counts[i * K + l]! - 1 === top) peerAgree[w]! += 1 / leaders;
    }
  }
  let evidence = 0;
  let right = 0;
  for (let w = 0; w < nWorkers; w++) {
    evidence += goldTotal[w]! + peerTotal[w]!;
    right += goldCorrect[w]! + peerAgree[w]!;
  }
  // With no evidence at all, halfway between chance and perfect: every worker then weighs the same.
  const crowdAccuracy = evidence > 0 ? right / evidence : (1 + 1 / K) / 2;
  const priorStrength = opts.priorStrength ?? RELIABILITY_PRIOR_STRENGTH;
  const accuracy = new Float64Array(nWorkers);
  for (let w = 0; w < nWorkers; w++) {
    const fromGold = goldTotal[w]! > 0;
    accuracy[w] = reliabilityEstimate({
      goldCorrect: fromGold ? goldCorrect[w]! : 0,
      goldTotal: fromGold ? goldTotal[w]! : 0,
      peerAgree: fromGold ? 0 : peerAgree[w]!,
      peerTotal: fromGold ? 0 : peerTotal[w]!,
      crowdAccuracy,
      priorStrength,
    }).accuracy;
  }
  return { accuracy, goldTotal };
}
