import type { CrowdIndex } from './crowd-labels';

// Module-level aliases: a global lookup (`Math.x`) costs ~0.3 µs inside jest's vm sandbox.
const { log, exp } = Math;

/**
 * The two halves of a Dawid–Skene EM iteration (Dawid & Skene 1979, "Maximum likelihood estimation
 * of observer error-rates using the EM algorithm") on flat typed arrays allocated once per fit:
 * nothing is allocated per label or per iteration. The E-step also accumulates the soft counts of
 * the next M-step in the same pass over the labels, so an iteration reads the labels once.
 * Worker blocks are answer-major, [w][answered l][true t] (see CrowdIndex.cell).
 */
export type DawidSkeneWork = {
  /** Σ over worker w's answers l of P(true = t), [w][l][t] */
  counts: Float64Array;
  /** Σ_items P(true = t) */
  classTotals: Float64Array;
  /** P(answer l | true t), [w][l][t] */
  confusion: Float64Array;
  /** the same divided by its largest entry over t: scaled so a product over labels stays near 1 */
  likelihood: Float64Array;
  logConfusion: Float64Array;
  /** the whole crowd's confusion, the centre of each worker's Dirichlet prior, [l][t] */
  pooled: Float64Array;
  classPrior: Float64Array;
  scores: Float64Array;
};

/**
 * A confusion entry is never exactly 0: with no shrinkage (strength 0) a worker who never answered
 * l for true t would otherwise veto class t outright and could leave an item with no class at all.
 */
const CONFUSION_FLOOR = 1e-12;
/** Below this an item's scaled product may have lost digits to underflow: redo it in log space. */
export const DAWID_SKENE_PRODUCT_FLOOR = 1e-250;

export function dawidSkeneWork(index: CrowdIndex): DawidSkeneWork {
  const K = index.nClasses;
  const cells = index.nWorkers * K * K;
  return {
    counts: new Float64Array(cells),
    classTotals: new Float64Array(K),
    confusion: new Float64Array(cells),
    likelihood: new Float64Array(cells),
    logConfusion: new Float64Array(cells),
    pooled: new Float64Array(K * K),
    classPrior: new Float64Array(K),
    scores: new Float64Array(K),
  };
}

/** Soft counts of the given posteriors (the start, before the first M-step). */
export function dawidSkeneCount(index: CrowdIndex, post: Float64Array, work: DawidSkeneWork): void {
  const { nItems, nClasses: K, itemStart, cell } = index;
  const { counts, classTotals } = work;
  counts.fill(0);
  classTotals.fill(0);
  for (let i = 0; i < nItems; i++) {
    const row = i * K;
    for (let t = 0; t < K; t++) classTotals[t]! += post[row + t]!;
    for (let p = itemStart[i]!, end = itemStart[i + 1]!; p < end; p++) {
      for (let t = 0, c = cell[p]!; t < K; t++) counts[c + t]! += post[row + t]!;
    }
  }
}

/**
 * M-step: class prior and confusion matrices from the soft counts.
 *
 * Each confusion row of worker w is the posterior mean under a Dirichlet prior centred on the
 * pooled row (Kim & Ghahramani 2012, "Bayesian classifier combination"; Raykar et al. 2010; the
 * same rule as reliabilityConfusion):
 *   P(l | t) = (n_wtl + s · pooled_tl) / (Σ_l n_wtl + s).
 * A labeller with two answers is thus mostly the average labeller and cannot turn an item against
 * four reliable votes by looking perfect on the one other item they labelled; one with hundreds of
 * answers is their own counts. The pooled rows get one pseudo-answer that leans to the right class,
 * so a class nobody holds still has a defined row, and a row built from no evidence says "better
 * than chance". An even spread would make "every labeller always answers the one class in use,
 * whatever the truth" as good a fit as "every item is that class": when the crowd uses a single
 * class EM then drifts to the uniform posterior. With real data the pooled rows hold thousands of
 * answers and the pseudo-answer is noise. The class prior carries one pseudo-item per class
 * (Laplace), so a class absent from the posteriors keeps a non-zero prior.
 */
export function dawidSkeneMStep(index: CrowdIndex, strength: number, work: DawidSkeneWork): void {
  const { nItems, nWorkers, nClasses: K } = index;
  const { counts, classTotals, confusion, likelihood, logConfusion, pooled, classPrior } = work;
  const KK = K * K;
  for (let t = 0; t < K; t++) classPrior[t] = (classTotals[t]! + 1) / (nItems + K);
  pooled.fill(0);
  for (let w = 0; w < nWorkers; w++) {
    for (let x = 0; x < KK; x++) pooled[x]! += counts[w * KK + x]!;
  }
  // The pseudo-answer leans to the diagonal: (1 + 1/K)/2 right, halfway between chance and perfect.
  const diag = (1 + 1 / K) / 2;
  const off = K > 1 ? (1 - diag) / (K - 1) : 0;
  for (let t = 0; t < K; t++) {
    let total = 0;
    for (let l = 0; l < K; l++) total += pooled[l * K + t]!;
    for (let l = 0; l < K; l++) pooled[l * K + t] = (pooled[l * K + t]! + (l === t ? diag : off)) / (total + 1);
  }
  for (let w = 0; w < nWorkers; w++) {
    const block = w * KK;
    for (let t = 0; t < K; t++) {
      let n = 0;
      for (let l = 0; l < K; l++) n += counts[block + l * K + t]!;
      const denom = n + strength;
      for (let l = 0; l < K; l++) {
        const x = block + l * K + t;
        const v = denom > 0 ? (counts[x]! + strength * pooled[l * K + t]!) / denom : pooled[l * K + t]!;
        confusion[x] = v < CONFUSION_FLOOR ? CONFUSION_FLOOR : v;
        logConfusion[x] = log(confusion[x]!);
      }
    }
    for (let l = 0; l < K; l++) {
      const col = block + l * K;
      let top = 0;
      for (let t = 0; t < K; t++) if (confusion[col + t]! > top) top = confusion[col + t]!;
      for (let t = 0; t < K; t++) likelihood[col + t] = confusion[col + t]! / top;
    }
  }
}

/**
 * One item's unnormalised posterior in log space, into work.scores (largest = 1), for the rare item
 * whose scaled product ran out of range.
 */
export function dawidSkeneLogScores(index: CrowdIndex, i: number, work: DawidSkeneWork): void {
  const K = index.nClasses;
  const { scores, classPrior, logConfusion } = work;
  for (let t = 0; t < K; t++) scores[t] = log(classPrior[t]!);
  for (let p = index.itemStart[i]!, end = index.itemStart[i + 1]!; p < end; p++) {
    for (let t = 0, c = index.cell[p]!; t < K; t++) scores[t]! += logConfusion[c + t]!;
  }
  let top = scores[0]!;
  for (let t = 1; t < K; t++) if (scores[t]! > top) top = scores[t]!;
  for (let t = 0; t < K; t++) scores[t] = exp(scores[t]! - top);
}

/**
 * E-step: each item's posterior ∝ prior(t) · Π_labels P(answer | t). The product uses the scaled
 * likelihoods (largest entry per answer = 1), which cannot overflow and rarely gets small; an item
 * whose product falls below 1e-250 is recomputed in log space. Gold items stay clamped to their
 * class. Updates `post` in place, accumulates the next M-step's counts, and returns the largest
 * change of any posterior entry (the convergence measure). dawidSkeneEStepBinary is the same for K = 2.
 */
export function dawidSkeneEStep(index: CrowdIndex, post: Float64Array, gold: Int32Array | null, work: DawidSkeneWork): number {
  const { nItems, nClasses: K, itemStart, cell } = index;
  const { likelihood, classPrior, scores, counts, classTotals } = work;
  counts.fill(0);
  classTotals.fill(0);
  let maxDelta = 0;
  for (let i = 0; i < nItems; i++) {
    const row = i * K;
    const from = itemStart[i]!;
    const end = itemStart[i + 1]!;
    const g = gold === null ? -1 : gold[i]!;
    let total = 0;
    if (g >= 0) {
      for (let t = 0; t < K; t++) scores[t] = t === g ? 1 : 0;
      total = 1;
    } else {
      for (let t = 0; t < K; t++) scores[t] = classPrior[t]!;
      for (let p = from; p < end; p++) {
        for (let t = 0, c = cell[p]!; t < K; t++) scores[t]! *= likelihood[c + t]!;
      }
      let top = 0;
      for (let t = 0; t < K; t++) if (scores[t]! > top) top = scores[t]!;
      if (top < DAWID_SKENE_PRODUCT_FLOOR) dawidSkeneLogScores(index, i, work);
      for (let t = 0; t < K; t++) total += scores[t]!;
    }
    for (let t = 0; t < K; t++) {
      const v = scores[t]! / total;
      const d = v > post[row + t]! ? v - post[row + t]! : post[row + t]! - v;
      if (d > maxDelta) maxDelta = d;
      post[row + t] = v;
      classTotals[t]! += v;
    }
    for (let p = from; p < end; p++) {
      for (let t = 0, c = cell[p]!; t < K; t++) counts[c + t]! += post[row + t]!;
    }
  }
  return maxDelta;
}
