import type { CrowdLabels } from '@quorum/core';

/**
 * The baseline bench/aggregate.ts measures against: textbook Dawid–Skene EM on typed arrays as one
 * would first write it (labels in input order, log-space E-step, maximum-likelihood confusions with
 * a small floor, no shrinkage, no convergence test), started from majority vote, a fixed number of
 * iterations. It is what "a plain typed-array EM" means in the performance target.
 */
export function plainEm(c: CrowdLabels, iterations: number): Float64Array {
  const { item, worker, label, nItems, nWorkers, nClasses: K } = c;
  const n = item.length;
  const post = new Float64Array(nItems * K);
  const votes = new Float64Array(nItems);
  for (let j = 0; j < n; j++) {
    post[item[j]! * K + label[j]!]! += 1;
    votes[item[j]!]! += 1;
  }
  for (let i = 0; i < nItems; i++) for (let t = 0; t < K; t++) post[i * K + t] = votes[i]! > 0 ? post[i * K + t]! / votes[i]! : 1 / K;
  const conf = new Float64Array(nWorkers * K * K);
  const prior = new Float64Array(K);
  const logp = new Float64Array(nItems * K);
  for (let it = 0; it < iterations; it++) {
    conf.fill(0);
    prior.fill(0);
    for (let j = 0; j < n; j++) {
      const base = worker[j]! * K * K + label[j]!;
      for (let t = 0; t < K; t++) conf[base + t * K]! += post[item[j]! * K + t]!;
    }
    for (let i = 0; i < nItems * K; i++) prior[i % K]! += post[i]!;
    for (let x = 0; x < nWorkers * K; x++) {
      let s = 0;
      for (let l = 0; l < K; l++) s += conf[x * K + l]!;
      for (let l = 0; l < K; l++) conf[x * K + l] = Math.log(Math.max(1e-12, s > 0 ? conf[x * K + l]! / s : 1 / K));
    }
    for (let t = 0; t < K; t++) prior[t] = Math.log(Math.max(1e-12, prior[t]! / nItems));
    for (let i = 0; i < nItems; i++) for (let t = 0; t < K; t++) logp[i * K + t] = prior[t]!;
    for (let j = 0; j < n; j++) {
      const base = worker[j]! * K * K + label[j]!;
      for (let t = 0; t < K; t++) logp[item[j]! * K + t]! += conf[base + t * K]!;
    }
    for (let i = 0; i < nItems; i++) {
      let top = -Infinity;
      for (let t = 0; t < K; t++) top = Math.max(top, logp[i * K + t]!);
      let s = 0;
      for (let t = 0; t < K; t++) s += post[i * K + t] = Math.exp(logp[i * K + t]! - top);
      for (let t = 0; t < K; t++) post[i * K + t]! /= s;
    }
  }
  return post;
}
