import { AGGREGATION_METHODS, type AggregationMethod } from './aggregate-labels';
import { crowdIndex, crowdIndexSelect, crowdWorkerLabelCounts, type CrowdIndex, type CrowdLabels } from './crowd-labels';
import { dawidSkene, type DawidSkeneResult } from './dawid-skene';
import { itemSummaries } from './item-summary';
import { dawidSkenePosteriorsFromModel, modelEscalations, modelPosteriors, type FittedModel } from './model-posteriors';

/**
 * Re-aggregation of a project, as a plan over dense indexes (the service loads and writes):
 *  1. fit Dawid–Skene on every accepted label, answers given on controls included, with every
 *     item whose answer is known clamped to it: those labels are the best evidence of each
 *     labeller's confusion (Dawid & Skene 1979; gold clamping as in dawidSkene);
 *  2. score the items the crowd decided and nobody has fixed since (`state` SETTLED or QUEUED)
 *     from their own counted labels under the fitted model, by the project's method;
 *  3. keep only what changed: the outcome, the winner, the label count or the method, or the top
 *     posterior or the disagreement (normalised posterior entropy) moved by more than
 *     `tolerance`. With two labels those two are the whole posterior; with more they miss only a
 *     reshuffle among the losing labels that leaves both in place, which changes no decision.
 * The fit is deterministic given the numbering and the starting point, so a second run on the same
 * labels changes nothing. The starting point is the vote, or — `warmStart` — the posteriors under the
 * model the last run fitted: EM then starts next to its fixed point (a refit after a few % more
 * labels converges in a handful of iterations instead of ~25), and the vote's start already chose
 * the optimum the model sits in (not the label-swapped one), which a warm start keeps.
 */
export const REAGGREGATE_STATE = { FIT_ONLY: 0, SETTLED: 1, QUEUED: 2 } as const;

/**
 * Half a percentage point: below what any screen shows, and a refit after 10 % more labels
 * moves most posteriors by less, so a run rewrites the items whose standing changed, not all.
 */
export const REAGGREGATE_POSTERIOR_TOLERANCE = 0.005;

/** Per item, the stored aggregate: winner class (−1 none), outcome (0 settled, 1 escalated, −1
 *  none), method (index in AGGREGATION_METHODS), label count, top posterior and disagreement
 *  (NaN when there is no aggregate). */
export type ReaggregationStored = { winner: Int32Array; outcome: Int32Array; method: Int32Array; labelCount: Int32Array; top: Float32Array; disagreement: Float32Array };

export type ReaggregationInput = {
  labels: CrowdLabels;
  /** 1 for a label that counts toward its item (not an answer on a control). */
  counted: Uint8Array;
  /** Known answer's class per item, −1 when none. */
  gold: Int32Array;
  state: Uint8Array;
  stored: ReaggregationStored;
  method: AggregationMethod;
  escalateBelowPosterior: number;
  tolerance?: number;
  /** The last fit's model in this numbering (workers the last fit did not see: pooled confusion). */
  warmStart?: FittedModel | null;
};

/** One row per changed item; `escalate` 1 = escalated; `winner` −1 on a tie. */
export type ReaggregationChanges = {
  item: Int32Array;
  posterior: Float64Array;
  votes: Int32Array;
  winner: Int32Array;
  escalate: Uint8Array;
  agreement: Float64Array;
  disagreement: Float64Array;
  voteEntropy: Float64Array;
  labelCount: Int32Array;
};

export type ReaggregationPlan = { fit: DawidSkeneResult; labelCounts: Int32Array; goldItems: number; evaluated: number; changes: ReaggregationChanges };

export type ReaggregationFit = { fit: DawidSkeneResult; labelCounts: Int32Array; goldItems: number; index: CrowdIndex };

/** The fit over every label; `index` (with `source`) lets reaggregationChanges select from it. */
export function reaggregationFit(input: Pick<ReaggregationInput, 'labels' | 'gold' | 'warmStart'>): ReaggregationFit {
  const index = crowdIndex(input.labels, { source: true });
  const init = input.warmStart ? dawidSkenePosteriorsFromModel(index, input.warmStart) : undefined;
  const fit = dawidSkene(index, { gold: input.gold, ...(init ? { init } : {}) });
  return { fit, labelCounts: crowdWorkerLabelCounts(index), goldItems: input.gold.reduce((n, g) => n + (g >= 0 ? 1 : 0), 0), index };
}

export function reaggregationPlan(input: ReaggregationInput): ReaggregationPlan {
  const fitted = reaggregationFit(input);
  const { fit, labelCounts, goldItems } = fitted;
  return { fit, labelCounts, goldItems, ...reaggregationChanges(input, fitted) };
}

export function reaggregationChanges(input: ReaggregationInput, fitted: Pick<ReaggregationFit, 'fit' | 'index'>): { evaluated: number; changes: ReaggregationChanges } {
  const { labels, counted, state, stored } = input;
  const { fit } = fitted;
  const K = labels.nClasses;
  // The items to score, renumbered 0 … m − 1, with their counted labels only.
  const items: number[] = [];
  for (let i = 0; i < labels.nItems; i++) if (state[i] !== REAGGREGATE_STATE.FIT_ONLY) items.push(i);
  const index = crowdIndexSelect(fitted.index, items, counted);
  const post = modelPosteriors(input.method, index, fit);
  const summary = itemSummaries(index, post);
  const escalate = modelEscalations(summary, post, K, input.escalateBelowPosterior);
  const methodIndex = AGGREGATION_METHODS.indexOf(input.method);
  const tolerance = input.tolerance ?? REAGGREGATE_POSTERIOR_TOLERANCE;

  const changed: number[] = [];
  for (let s = 0; s < items.length; s++) {
    const i = items[s]!;
    const winner = summary.tied[s] === 1 ? -1 : summary.winner[s]!;
    let top = 0;
    for (let t = 0; t < K; t++) if (post[s * K + t]! > top) top = post[s * K + t]!;
    // NaN (no stored aggregate) compares false to everything: `!(d <= tol)` counts it as moved.
    const moved =
      stored.method[i] !== methodIndex ||
      stored.outcome[i] !== escalate[s] ||
      stored.winner[i] !== winner ||
      stored.labelCount[i] !== summary.votes[s] ||
      !(Math.abs(stored.top[i]! - top) <= tolerance) ||
      !(Math.abs(stored.disagreement[i]! - summary.disagreement[s]!) <= tolerance);
    if (moved) changed.push(s);
  }
  const m = changed.length;
  const out: ReaggregationChanges = {
    item: new Int32Array(m),
    posterior: new Float64Array(m * K),
    votes: new Int32Array(m * K),
    winner: new Int32Array(m),
    escalate: new Uint8Array(m),
    agreement: new Float64Array(m),
    disagreement: new Float64Array(m),
    voteEntropy: new Float64Array(m),
    labelCount: new Int32Array(m),
  };
  // Plain loops, no closures per row: tsx's keepNames wraps every function created in a loop.
  for (let r = 0; r < m; r++) {
    const s = changed[r]!;
    out.item[r] = items[s]!;
    out.posterior.set(post.subarray(s * K, s * K + K), r * K);
    for (let p = index.itemStart[s]!; p < index.itemStart[s + 1]!; p++) out.votes[r * K + index.label[p]!]!++;
    const winner = summary.tied[s] === 1 ? -1 : summary.winner[s]!;
    let top = 0;
    for (let t = 0; t < K; t++) if (out.votes[r * K + t]! > top) top = out.votes[r * K + t]!;
    const n = summary.votes[s]! > 0 ? summary.votes[s]! : 1;
    out.winner[r] = winner;
    out.escalate[r] = escalate[s]!;
    out.agreement[r] = (winner >= 0 ? out.votes[r * K + winner]! : top) / n;
    out.disagreement[r] = summary.disagreement[s]!;
    out.voteEntropy[r] = summary.voteEntropy[s]!;
    out.labelCount[r] = summary.votes[s]!;
  }
  return { evaluated: items.length, changes: out };
}
