import type { Label } from '../words';
import { crowdKeys } from './crowd-keys';
import { crowdDuplicate, crowdIndex, crowdWorkerLabelCounts } from './crowd-labels';
import { dawidSkene, type DawidSkeneOptions } from './dawid-skene';
import { itemSummaries } from './item-summary';
import { majorityVotePosteriors, weightedVotePosteriors } from './weighted-vote';
import { workerAccuracyFromVotes } from './worker-accuracy';

/**
 * Aggregation over string ids: the entry point for the CLI (`quorum aggregate`) and services.
 *   majority     vote shares; worker accuracy as for weighted (reported, not used)
 *   weighted     one-coin log-odds weighted vote, each worker's accuracy from gold where they
 *                answered gold items, else from agreement with the leave-one-out majority
 *                (workerAccuracyFromVotes)
 *   dawid-skene  EM with per-worker confusion matrices, shrunk toward the crowd (dawidSkene)
 * Gold items come back with their gold label and a one-hot posterior whatever the method: their
 * answer is known. Items, workers and labels are ordered by crowdKeysCompare unless `labels` fixes
 * the label set and its order (which decides ties), so the output does not depend on row order.
 */
export const AGGREGATION_METHODS = ['majority', 'weighted', 'dawid-skene'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export type CrowdLabelRow = { item: string; worker: string; label: Label };

export type AggregateLabelsOptions = {
  method?: AggregationMethod;
  labels?: readonly Label[];
  gold?: ReadonlyMap<string, Label>;
  dawidSkene?: Omit<DawidSkeneOptions, 'gold'>;
  /** Beta prior strength of the vote methods' worker accuracies (reliabilityEstimate) */
  accuracyPriorStrength?: number;
};

export type ItemAggregate = {
  item: string;
  label: Label;
  tied: boolean;
  posterior: Record<Label, number>;
  disagreement: number;
  voteEntropy: number;
  votes: number;
};
export type WorkerAggregate = { worker: string; accuracy: number; labels: number };
export type AggregateLabelsResult = {
  method: AggregationMethod;
  labels: Label[];
  items: ItemAggregate[];
  workers: WorkerAggregate[];
  classPrior: Record<Label, number>;
  iterations: number;
  converged: boolean;
};

export function aggregateLabels(rows: readonly CrowdLabelRow[], opts: AggregateLabelsOptions = {}): AggregateLabelsResult {
  const method = opts.method ?? 'dawid-skene';
  if (!AGGREGATION_METHODS.includes(method)) {
    throw new RangeError(`method must be one of ${AGGREGATION_METHODS.join(', ')}, got '${method}'`);
  }
  const gold = opts.gold ?? new Map<string, Label>();
  const classes = crowdKeys(opts.labels ?? [...rows.map((r) => r.label), ...gold.values()]);
  if (opts.labels !== undefined && classes.keys.length !== opts.labels.length) {
    throw new RangeError('labels must not repeat');
  }
  const labels = opts.labels === undefined ? classes.keys : [...opts.labels];
  const classOf = opts.labels === undefined ? classes.index : new Map(labels.map((l, i) => [l, i]));
  const items = crowdKeys(rows.map((r) => r.item));
  const workers = crowdKeys(rows.map((r) => r.worker));
  const K = labels.length;
  const n = rows.length;
  const crowd = { item: new Int32Array(n), worker: new Int32Array(n), label: new Int32Array(n), nItems: items.keys.length, nWorkers: workers.keys.length, nClasses: Math.max(1, K) };
  rows.forEach((r, j) => {
    const l = classOf.get(r.label);
    if (l === undefined) throw new RangeError(`label '${r.label}' of item '${r.item}' is not in the label set`);
    crowd.item[j] = items.index.get(r.item)!;
    crowd.worker[j] = workers.index.get(r.worker)!;
    crowd.label[j] = l;
  });
  const index = crowdIndex(crowd);
  const dup = crowdDuplicate(index);
  if (dup >= 0) {
    const i = index.itemStart.findIndex((s) => s > dup) - 1;
    throw new RangeError(`worker '${workers.keys[index.worker[dup]!]}' labelled item '${items.keys[i]}' more than once`);
  }
  const goldIndex = new Int32Array(crowd.nItems).fill(-1);
  for (const [item, label] of gold) {
    const l = classOf.get(label);
    if (l === undefined) throw new RangeError(`gold label '${label}' of item '${item}' is not in the label set`);
    const i = items.index.get(item);
    // Gold for an item nobody labelled has nothing to anchor and no row to report.
    if (i !== undefined) goldIndex[i] = l;
  }

  let posteriors: Float64Array;
  let accuracy: Float64Array;
  let iterations = 0;
  let converged = true;
  if (method === 'dawid-skene') {
    const fit = dawidSkene(index, { ...opts.dawidSkene, gold: goldIndex });
    ({ posteriors, workerAccuracy: accuracy, iterations, converged } = fit);
  } else {
    const strength = opts.accuracyPriorStrength;
    accuracy = workerAccuracyFromVotes(index, strength === undefined ? { gold: goldIndex } : { gold: goldIndex, priorStrength: strength }).accuracy;
    posteriors = method === 'weighted' ? weightedVotePosteriors(index, accuracy) : majorityVotePosteriors(index);
    for (let i = 0; i < crowd.nItems; i++) {
      if (goldIndex[i]! >= 0) posteriors.fill(0, i * K, i * K + K)[i * K + goldIndex[i]!] = 1;
    }
  }

  const summary = itemSummaries(index, posteriors);
  const labelCounts = crowdWorkerLabelCounts(index);
  const classPrior = new Float64Array(K);
  for (let x = 0; x < posteriors.length; x++) classPrior[x % K]! += posteriors[x]! / crowd.nItems;
  return {
    method,
    labels,
    items: items.keys.map((item, i) => ({
      item,
      label: labels[summary.winner[i]!]!,
      tied: summary.tied[i] === 1,
      // Object.fromEntries defines own properties, so a label such as "__proto__" stays a key.
      posterior: Object.fromEntries(labels.map((l, t) => [l, posteriors[i * K + t]!])),
      disagreement: summary.disagreement[i]!,
      voteEntropy: summary.voteEntropy[i]!,
      votes: summary.votes[i]!,
    })),
    workers: workers.keys.map((worker, w) => ({ worker, accuracy: accuracy[w]!, labels: labelCounts[w]! })),
    classPrior: Object.fromEntries(labels.map((l, t) => [l, classPrior[t]!])),
    iterations,
    converged,
  };
}
