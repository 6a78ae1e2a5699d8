import type { Label } from '../words';
import { batchEvidenceFigures, batchEvidenceReasons, type BatchFigures } from './batch-evidence-figures';
import { batchTimeLLR, reliabilityLogSumExp as logSumExp } from './batch-time';
import { SPAM_EPSILON, SPAM_TYPE_PRIOR, SPAM_TYPE_WEIGHTS, SPAM_TYPES, type SpamTypeLLRs } from './spam-types';

// Module-level aliases: these run in tight loops, and a global lookup (`Math.x`) costs ~0.3 µs
// inside jest's vm sandbox, which made the simulated-crowd tests 15× slower.
const { log, exp, max, min } = Math;
const { hasOwn } = Object;
const { isFinite: finite } = Number;

/**
 * P(spammer | batch): one likelihood ratio for a whole submitted batch (DESIGN.md step 4).
 *
 * H_honest: each answer is correct with probability a, errors spread evenly over the other K − 1
 *   labels (the one-coin model of Dawid & Skene 1979), with a ≥ honestAccuracy: half the prior
 *   mass at honestAccuracy, half spread up to 0.98 (HONEST_WEIGHTS; a is fixed within the batch).
 *   The true label is the gold answer on a gold item, the peer posterior on an item other
 *   labellers answered (P(answer) = Σ_z peers(z) · P(answer | z)), and unknown otherwise, where
 *   P(answer) is the project's answer share. Seconds are log-normal around expectedSeconds × the
 *   labeller's own speed, shared by the batch (batch-time.ts; marginal σ ≈ 0.6 per answer).
 * H_spam: a mixture of spammer types with fixed prior weights (spam-types.ts), each combined
 *   with a timing type:
 *   - uniform random: each label 1/K whatever the item;
 *   - constant: one label with probability 1 − ε (ε = 0.03), averaged over which label;
 *   - alternator: differs from the previous answer with probability 1 − ε (strict alternation for
 *     K = 2; items must be given in the order they were answered);
 *   - timing "human": the honest model (time is then no evidence); timing "fast": an even
 *     mixture of log-normals (σ = 0.5) around 0.3 × expectedSeconds and around
 *     min(0.6 s, 0.3 × expectedSeconds) (the clicker who ignores the text length).
 * Each type's batch likelihood is the product over items of label × time likelihood; the spam
 * likelihood is the weighted mixture (a Bayesian model average, so a batch is only as suspicious
 * as its best-fitting spam type allows, weight included). Per-item time log-likelihood ratios are
 * clipped to [−1, +3] (one slow outlier must not clear a fast clicker), and answers in one batch
 * are not independent: the honest reader's speed is shared by the batch (batch-time.ts). Then
 *   LLR = log P(batch | spam) − log P(batch | honest),  posterior = σ(logit(priorSpam) + LLR).
 * `components` split the LLR for explanation and sum to it: gold, peers (label evidence of the
 * uniform type on gold / peer items, at the best-fitting honest accuracy), time (the uniform
 * type's timing mixture) and pattern (the rest: the constant and alternator types, the mixture
 * weights, the spread of honest accuracies, and items with no evidence). posteriorSpam decides.
 * `spamTypes` holds each type's own batch LLR, for labellerSpamPriorByType.
 */
export type ItemEvidence = {
  label: Label;
  /** server-measured seconds for this answer */
  seconds: number;
  /** readingTimeSeconds(...) for this pair */
  expectedSeconds: number;
  /** known answer when the item is gold */
  gold: Label | null;
  /** peerConsensus(...) when other accepted labels exist, else null */
  peers: Record<Label, number> | null;
};

export type SpamModel = {
  labels: readonly Label[];
  /** the project's answer distribution (for "no evidence" items) */
  labelShares: Readonly<Record<Label, number>>;
  /** lowest accuracy assumed under H_honest: max(minAccuracy, estimate.low of reliabilityEstimate) */
  honestAccuracy: number;
  /** prior P(spammer) for this labeller before this batch (see labellerSpamPrior) */
  priorSpam: number;
};

export type BatchEvidence = {
  /** P(spammer | this batch, prior) */
  posteriorSpam: number;
  /** log P(batch | spam) − log P(batch | honest), all components */
  logLikelihoodRatio: number;
  /** each an LLR; they sum to logLikelihoodRatio */
  components: { gold: number; peers: number; time: number; pattern: number };
  figures: BatchFigures;
  /** each spam type's own (unweighted) batch LLR; store it, labellerSpamPriorByType reads it */
  spamTypes: SpamTypeLLRs;
  /** plain, for the labeller; NEVER names items or gold answers */
  reasons: string[];
};

/**
 * H_honest's accuracy: half the prior mass at honestAccuracy (the labeller at worst as we believe
 * them to be), half spread evenly up to 0.98. A point mass at honestAccuracy made a careful
 * labeller whose answers all agree with confident peers look like a constant clicker (0.7^10 vs
 * 0.97^10); a uniform spread penalised honest labellers at exactly the minimum (1.85 % of honest
 * 0.7 batches rejected with peers, vs 0.65 % with this prior; simulations in the tests).
 */
const HONEST_GRID = 5;
const HONEST_WEIGHTS = [0.5, 0.125, 0.125, 0.125, 0.125] as const;
const HONEST_ACCURACY_MAX = 0.98;
/** An answer share of 0 would make a single answer infinitely telling. */
const SHARE_FLOOR = 0.01;

const own = (r: Readonly<Record<Label, number>>, l: Label): number => (hasOwn(r, l) ? (r[l] ?? 0) : 0);

function batchEvidenceCheck(items: readonly ItemEvidence[], model: SpamModel): void {
  if (items.length === 0) throw new RangeError('cannot score an empty batch');
  if (model.labels.length < 2) throw new RangeError('need at least two labels');
  if (!(model.priorSpam >= 0 && model.priorSpam <= 1)) throw new RangeError('priorSpam must be in [0, 1]');
  if (!finite(model.honestAccuracy)) throw new RangeError('honestAccuracy must be a finite number');
  const known = new Set(model.labels);
  for (const it of items) {
    if (!known.has(it.label)) throw new RangeError(`answer '${it.label}' is not in the label set`);
    if (it.gold !== null && !known.has(it.gold)) throw new RangeError(`gold '${it.gold}' is not in the label set`);
    if (!(finite(it.seconds) && it.seconds >= 0)) throw new RangeError(`bad seconds ${it.seconds}`);
    if (!(finite(it.expectedSeconds) && it.expectedSeconds > 0)) {
      throw new RangeError(`bad expectedSeconds ${it.expectedSeconds}`);
    }
  }
}

export function batchEvidence(items: readonly ItemEvidence[], model: SpamModel): BatchEvidence {
  batchEvidenceCheck(items, model);
  const { labels } = model;
  const k = labels.length;
  // H_honest: accuracy from honestAccuracy (a lower bound: an honest labeller beats chance and
  // meets the project's minimum) up to HONEST_ACCURACY_MAX, on HONEST_GRID points.
  const lo = min(HONEST_ACCURACY_MAX, max(1 / k + 0.01, model.honestAccuracy));
  const grid = Array.from({ length: HONEST_GRID }, (_, g) => lo + ((HONEST_ACCURACY_MAX - lo) * g) / (HONEST_GRID - 1));
  const shareTotal = labels.reduce((acc, l) => acc + max(SHARE_FLOOR, own(model.labelShares, l)), 0);
  const logK = log(1 / k);

  // Log-likelihood of the answers under each honest accuracy, split by kind of evidence.
  const goldLL = grid.map(() => 0);
  const peerLL = grid.map(() => 0);
  let noneLL = 0;
  const constant = labels.map(() => 0);
  let alternate = 0;
  items.forEach((it, i) => {
    grid.forEach((a, g) => {
      const wrong = (1 - a) / (k - 1);
      if (it.gold !== null) {
        goldLL[g]! += log(it.label === it.gold ? a : wrong);
      } else if (it.peers !== null) {
        const pTrue = own(it.peers, it.label);
        peerLL[g]! += log(pTrue * a + (1 - pTrue) * wrong);
      }
    });
    if (it.gold === null && it.peers === null) {
      noneLL += log(max(SHARE_FLOOR, own(model.labelShares, it.label)) / shareTotal);
    }
    labels.forEach((c, j) => {
      constant[j]! += log(it.label === c ? 1 - SPAM_EPSILON : SPAM_EPSILON / (k - 1));
    });
    const prev = items[i - 1];
    alternate += log(prev === undefined ? 1 / k : prev.label === it.label ? SPAM_EPSILON : (1 - SPAM_EPSILON) / (k - 1));
  });
  const perAccuracy = grid.map((_, g) => (goldLL[g] ?? 0) + (peerLL[g] ?? 0));
  const honest = logSumExp(perAccuracy.map((x, g) => x + log(HONEST_WEIGHTS[g] ?? 0))) + noneLL;
  const best = perAccuracy.indexOf(max(...perAccuracy));

  const uniformLabels = items.length * logK - honest;
  const constantLabels = logSumExp(constant.map((c) => c + logK)) - honest;
  const alternateLabels = alternate - honest;
  const fastTime = batchTimeLLR(items);
  const spamTypes: SpamTypeLLRs = {
    'random-fast': uniformLabels + fastTime,
    'random-human': uniformLabels,
    'constant-fast': constantLabels + fastTime,
    'constant-human': constantLabels,
    'alternate-fast': alternateLabels + fastTime,
    'alternate-human': alternateLabels,
  };
  // Explanation only: gold and peer evidence at the best-fitting honest accuracy.
  const goldItems = items.filter((it) => it.gold !== null).length;
  const peerItems = items.filter((it) => it.gold === null && it.peers !== null).length;
  const gold = goldItems * logK - (goldLL[best] ?? 0);
  const peers = peerItems * logK - (peerLL[best] ?? 0);
  const llr = logSumExp(SPAM_TYPES.map((t) => log(SPAM_TYPE_PRIOR[t]) + spamTypes[t]));
  // The uniform type's timing mixture, for the explanation only.
  const wFast = SPAM_TYPE_PRIOR['random-fast'] / (SPAM_TYPE_PRIOR['random-fast'] + SPAM_TYPE_PRIOR['random-human']);
  const time = logSumExp([log(wFast) + fastTime, log(1 - wFast)]);
  const prior = min(1 - 1e-9, max(1e-9, model.priorSpam));
  const logOdds = log(prior / (1 - prior)) + llr;
  const components = { gold, peers, time, pattern: llr - gold - peers - time };
  const figures = batchEvidenceFigures(items, labels);
  const uniformFit = log(SPAM_TYPE_WEIGHTS.uniform) + uniformLabels;
  const patternStrength = (weight: number, labelLLR: number): number =>
    min(log(weight) + labelLLR + time, log(weight) + labelLLR - uniformFit);
  const posteriorSpam = 1 / (1 + exp(-logOdds));
  return {
    posteriorSpam,
    logLikelihoodRatio: llr,
    components,
    spamTypes,
    figures,
    reasons: batchEvidenceReasons(figures, {
      gold,
      peers,
      time: fastTime,
      // A pattern is a reason when its type, weight included, both fits the batch (beats honest)
      // and fits it better than plain random answers do.
      constant: patternStrength(SPAM_TYPE_WEIGHTS.constant, constantLabels),
      alternate: patternStrength(SPAM_TYPE_WEIGHTS.alternate, alternateLabels),
    }, posteriorSpam),
  };
}
