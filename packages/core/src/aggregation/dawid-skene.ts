import { crowdGoldCheck, crowdIndex, type CrowdIndex, type CrowdLabels } from './crowd-labels';
import { dawidSkeneEStepBinary } from './dawid-skene-binary';
import { dawidSkeneCount, dawidSkeneEStep, dawidSkeneMStep, dawidSkeneWork } from './dawid-skene-steps';
import { majorityVotePosteriors, weightedVotePosteriors } from './weighted-vote';
import { workerAccuracyFromVotes } from './worker-accuracy';

/**
 * Dawid–Skene (1979): every worker has a full confusion matrix P(answer | true class), every item a
 * posterior over its true class, fitted together by EM. Unlike a vote it learns that a worker who
 * always answers "match" says nothing, that a worker who swaps two classes is informative once
 * swapped back, and that one class is rarer than another.
 *
 * Started from the vote posteriors (the usual start, Dawid & Skene §3), with gold items clamped to
 * their class from the first M-step on, so gold anchors every worker's first confusion estimate and
 * decides which way round a symmetric solution lands. Workers with few labels are shrunk toward
 * the pooled confusion (dawid-skene-steps.ts). Stops when no posterior entry moved by more than
 * `tolerance` in an iteration, or after `maxIterations`.
 *
 * Takes the labels, or a CrowdIndex already built (and validated) by crowdIndex to skip that step.
 * `gold`: one class index per item, −1 where none. `init`: 'majority' starts from vote shares,
 * 'weighted' from the one-coin weighted vote (accuracies from gold or leave-one-out agreement),
 * or pass starting posteriors (nItems × K).
 */
export type DawidSkeneOptions = {
  gold?: Int32Array;
  priorStrength?: number;
  tolerance?: number;
  maxIterations?: number;
  init?: 'majority' | 'weighted' | Float64Array;
};

/**
 * priorStrength 2 pseudo-answers per confusion row, chosen with bench/quality.ts on seven real crowd
 * datasets (bench/README.md has the table). Mean accuracy is flat from 0 to 4 (0.928–0.929 without
 * gold, 0.931–0.932 with 10 % gold) and falls from 8 on (web, 5 classes and ~90 labels per worker:
 * 0.82 → 0.79 at 8, 0.56 at 16; duck 0.90 → 0.89), because strong shrinkage erases the difference
 * between good workers and spammers. Those datasets have few workers with a handful of labels,
 * where shrinkage pays: 2 is the most protection for newcomers (see the shrinkage tests) still
 * inside the flat region. maxIterations 500: a million binary labels converge in ~25 iterations,
 * but 5-class web needs ~290 at this tolerance.
 */
export const DAWID_SKENE_DEFAULTS = { priorStrength: 2, tolerance: 1e-4, maxIterations: 500, init: 'majority' } as const;

export type DawidSkeneResult = {
  /** P(true class = t | labels) per item, nItems × K */
  posteriors: Float64Array;
  /** P(answer l | true t) per worker, nWorkers × K × K, [w][t][l] */
  confusions: Float64Array;
  /** Σ_t classPrior[t] · P(answer t | true t): the share of a worker's answers expected right */
  workerAccuracy: Float64Array;
  classPrior: Float64Array;
  /**
   * The whole crowd's P(answer l | true t), K × K, [t][l]: the centre each worker's rows are shrunk
   * toward, hence the confusion to assume for a labeller the fit has not seen.
   */
  pooledConfusion: Float64Array;
  iterations: number;
  converged: boolean;
};

function dawidSkeneNumber(name: string, v: number, integer: boolean): number {
  if (!Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new RangeError(`${name} must be a finite non-negative ${integer ? 'integer' : 'number'}, got ${v}`);
  }
  return v;
}

export function dawidSkene(crowd: CrowdLabels | CrowdIndex, opts: DawidSkeneOptions = {}): DawidSkeneResult {
  const index = 'itemStart' in crowd ? crowd : crowdIndex(crowd);
  const { nItems, nWorkers, nClasses: K } = index;
  const strength = dawidSkeneNumber('priorStrength', opts.priorStrength ?? DAWID_SKENE_DEFAULTS.priorStrength, false);
  const tolerance = dawidSkeneNumber('tolerance', opts.tolerance ?? DAWID_SKENE_DEFAULTS.tolerance, false);
  const maxIterations = dawidSkeneNumber('maxIterations', opts.maxIterations ?? DAWID_SKENE_DEFAULTS.maxIterations, true);
  const gold = opts.gold ?? null;
  if (gold !== null) crowdGoldCheck(gold, nItems, K);

  const init = opts.init ?? DAWID_SKENE_DEFAULTS.init;
  let post: Float64Array;
  if (init === 'majority') {
    post = majorityVotePosteriors(index);
  } else if (init === 'weighted') {
    post = weightedVotePosteriors(index, workerAccuracyFromVotes(index, gold === null ? {} : { gold }).accuracy);
  } else {
    if (init.length !== nItems * K) {
      throw new RangeError(`init posteriors must be nItems × nClasses = ${nItems * K} long, got ${init.length}`);
    }
    post = Float64Array.from(init);
  }
  if (gold !== null) {
    for (let i = 0; i < nItems; i++) {
      if (gold[i]! >= 0) post.fill(0, i * K, i * K + K)[i * K + gold[i]!] = 1;
    }
  }

  const work = dawidSkeneWork(index);
  dawidSkeneCount(index, post, work);
  const eStep = K === 2 ? dawidSkeneEStepBinary : dawidSkeneEStep;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    dawidSkeneMStep(index, strength, work);
    const delta = eStep(index, post, gold, work);
    iterations++;
    if (delta < tolerance) {
      converged = true;
      break;
    }
  }
  // The E-step left the counts of the posteriors it returned: one more M-step so the confusions
  // and class prior returned are those of the posteriors returned.
  dawidSkeneMStep(index, strength, work);

  // Back from the answer-major working layout [w][l][t] to the usual [w][t][l].
  const KK = K * K;
  const confusions = new Float64Array(nWorkers * KK);
  const workerAccuracy = new Float64Array(nWorkers);
  const pooledConfusion = new Float64Array(KK);
  for (let t = 0; t < K; t++) {
    for (let l = 0; l < K; l++) pooledConfusion[t * K + l] = work.pooled[l * K + t]!;
  }
  for (let w = 0; w < nWorkers; w++) {
    for (let t = 0; t < K; t++) {
      for (let l = 0; l < K; l++) confusions[w * KK + t * K + l] = work.confusion[w * KK + l * K + t]!;
      workerAccuracy[w]! += work.classPrior[t]! * work.confusion[w * KK + t * K + t]!;
    }
  }
  return { posteriors: post, confusions, workerAccuracy, classPrior: work.classPrior, pooledConfusion, iterations, converged };
}
