import type { AggregationMethod } from './aggregate-labels';
import type { CrowdIndex } from './crowd-labels';
import type { DawidSkeneResult } from './dawid-skene';
import type { ItemSummaries } from './item-summary';
import { majorityVotePosteriors, weightedVotePosteriors } from './weighted-vote';

// Module-level aliases: a global lookup (`Math.x`) costs ~0.3 µs inside jest's vm sandbox.
const { log, exp } = Math;

/**
 * Posteriors of many items under a model already fitted (item-posterior.ts does one item the same
 * way): re-aggregation fits Dawid–Skene on every accepted label, gold included, then scores the
 * items it may change from their own counted labels only, under the fitted confusions. `index`
 * uses the fit's worker numbering.
 */
export type FittedModel = Pick<DawidSkeneResult, 'confusions' | 'classPrior' | 'workerAccuracy'>;

/** prior(t) · Π P(answer | t) per item, in log space (a confusion entry is never 0 after a fit). */
export function dawidSkenePosteriorsFromModel(index: CrowdIndex, model: FittedModel): Float64Array {
  const { nItems, nWorkers, nClasses: K, itemStart, worker, label } = index;
  const KK = K * K;
  if (model.confusions.length !== nWorkers * KK) {
    throw new RangeError(`confusions must be nWorkers × K × K = ${nWorkers * KK} long, got ${model.confusions.length}`);
  }
  // One log per confusion entry, answer-major ([w][l][t]) so a label's K terms are contiguous.
  const logConf = new Float64Array(nWorkers * KK);
  for (let w = 0; w < nWorkers; w++) {
    for (let t = 0; t < K; t++) {
      for (let l = 0; l < K; l++) logConf[w * KK + l * K + t] = log(model.confusions[w * KK + t * K + l]!);
    }
  }
  const logPrior = Array.from(model.classPrior, (p) => log(p));
  const post = new Float64Array(nItems * K);
  const scores = new Float64Array(K);
  for (let i = 0; i < nItems; i++) {
    for (let t = 0; t < K; t++) scores[t] = logPrior[t]!;
    for (let p = itemStart[i]!, end = itemStart[i + 1]!; p < end; p++) {
      const c = worker[p]! * KK + label[p]! * K;
      for (let t = 0; t < K; t++) scores[t]! += logConf[c + t]!;
    }
    let top = scores[0]!;
    for (let t = 1; t < K; t++) if (scores[t]! > top) top = scores[t]!;
    let total = 0;
    for (let t = 0; t < K; t++) total += scores[t] = exp(scores[t]! - top);
    for (let t = 0; t < K; t++) post[i * K + t] = scores[t]! / total;
  }
  return post;
}

/** The project's method over a fitted model: confusions, the fitted accuracies as vote weights, or vote shares. */
export function modelPosteriors(method: AggregationMethod, index: CrowdIndex, model: FittedModel): Float64Array {
  if (method === 'majority') return majorityVotePosteriors(index);
  if (method === 'weighted') return weightedVotePosteriors(index, model.workerAccuracy);
  return dawidSkenePosteriorsFromModel(index, model);
}

/** 1 where an item escalates (tied, or its winner's posterior below the threshold), as escalationDecide. */
export function modelEscalations(summary: ItemSummaries, posteriors: Float64Array, k: number, escalateBelowPosterior: number): Uint8Array {
  const n = summary.winner.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = summary.tied[i] === 1 || posteriors[i * k + summary.winner[i]!]! < escalateBelowPosterior ? 1 : 0;
  return out;
}
