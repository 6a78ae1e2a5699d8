import type { Label } from '../words';
import { batchEvidenceFigures, batchEvidenceReasons, type BatchFigures } from './batch-evidence-figures';

/**
 * P(spammer | batch): one likelihood ratio for a whole submitted batch (DESIGN.md step 4).
 *
 * H_honest: each answer is correct with probability a = honestAccuracy, errors spread evenly over
 *   the other K − 1 labels (the one-coin model of Dawid & Skene 1979). The true label is the gold
 *   answer on a gold item, the peer posterior on an item other labellers answered (so
 *   P(answer) = Σ_z peers(z) · P(answer | z)), and unknown otherwise, where P(answer) is the
 *   project's answer share. Seconds are log-normal around expectedSeconds, σ = 0.6 in log space.
 * H_spam: a mixture of spammer types with fixed prior weights (SPAM_TYPE_WEIGHTS), each combined
 *   with a timing type (SPAM_TIMING_WEIGHTS):
 *   - uniform random: each label 1/K whatever the item;
 *   - constant: one label with probability 1 − ε (ε = 0.03), averaged over which label;
 *   - alternator: differs from the previous answer with probability 1 − ε (strict alternation for
 *     K = 2; items must be given in the order they were answered);
 *   - timing "human": the honest log-normal (time is then no evidence); timing "fast": an even
 *     mixture of log-normals (σ = 0.5) around 0.3 × expectedSeconds and around
 *     min(0.6 s, 0.3 × expectedSeconds) (the clicker who ignores the text length).
 * Each type's batch likelihood is the product over items of label × time likelihood; the spam
 * likelihood is the weighted mixture (a Bayesian model average, so a batch is only as suspicious
 * as its best-fitting spam type allows, weight included). Per-item time log-likelihood ratios are
 * clipped to [−1, +3]: answers in one batch are not independent (one tired labeller is slow or fast
 * throughout), and one slow outlier must not clear a fast clicker. Then
 *   LLR = log P(batch | spam) − log P(batch | honest),  posterior = σ(logit(priorSpam) + LLR).
 * `components` split the LLR for explanation and sum to it: gold, peers (label evidence of the
 * uniform type on gold / peer items), time (the uniform type's timing mixture) and pattern (the
 * rest: the constant and alternator types, the mixture weights, and items with no evidence).
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
  /** accuracy assumed under H_honest: max(minAccuracy, labeller's estimate) */
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

export const SPAM_TYPE_WEIGHTS = Object.freeze({ uniform: 0.6, constant: 0.25, alternate: 0.15 });
export const SPAM_TIMING_WEIGHTS = Object.freeze({ fast: 0.5, human: 0.5 });
export const SPAM_TYPES = [
  'random-fast',
  'random-human',
  'constant-fast',
  'constant-human',
  'alternate-fast',
  'alternate-human',
] as const;
export type SpamType = (typeof SPAM_TYPES)[number];
export type SpamTypeLLRs = Record<SpamType, number>;
/** Prior weight of each spammer type × timing: the product of the two tables above. */
export const SPAM_TYPE_PRIOR: Readonly<SpamTypeLLRs> = Object.freeze({
  'random-fast': SPAM_TYPE_WEIGHTS.uniform * SPAM_TIMING_WEIGHTS.fast,
  'random-human': SPAM_TYPE_WEIGHTS.uniform * SPAM_TIMING_WEIGHTS.human,
  'constant-fast': SPAM_TYPE_WEIGHTS.constant * SPAM_TIMING_WEIGHTS.fast,
  'constant-human': SPAM_TYPE_WEIGHTS.constant * SPAM_TIMING_WEIGHTS.human,
  'alternate-fast': SPAM_TYPE_WEIGHTS.alternate * SPAM_TIMING_WEIGHTS.fast,
  'alternate-human': SPAM_TYPE_WEIGHTS.alternate * SPAM_TIMING_WEIGHTS.human,
});
export const SPAM_EPSILON = 0.03;
export const HONEST_LOG_SIGMA = 0.6;
const FAST_LOG_SIGMA = 0.5;
const FAST_SHARE_OF_EXPECTED = 0.3;
const FAST_ABSOLUTE_SECONDS = 0.6;
const TIME_LLR_MIN = -1;
const TIME_LLR_MAX = 3;
/** An answer share of 0 would make a single answer infinitely telling. */
const SHARE_FLOOR = 0.01;

const own = (r: Readonly<Record<Label, number>>, l: Label): number => (Object.hasOwn(r, l) ? (r[l] ?? 0) : 0);
const logNormalLogDensity = (x: number, mu: number, sigma: number): number =>
  -Math.log(sigma) - 0.5 * Math.log(2 * Math.PI) - ((x - mu) * (x - mu)) / (2 * sigma * sigma);
function logSumExp(xs: readonly number[]): number {
  const top = Math.max(...xs);
  if (top === -Infinity) return -Infinity;
  return top + Math.log(xs.reduce((acc, x) => acc + Math.exp(x - top), 0));
}

/** log f_fast(t) − log f_honest(t), in log-seconds (the Jacobian 1/t cancels), clipped. */
export function batchEvidenceTimeLLR(seconds: number, expectedSeconds: number): number {
  const x = Math.log(Math.max(seconds, 1e-3 * expectedSeconds, 1e-3));
  const relative = Math.log(FAST_SHARE_OF_EXPECTED * expectedSeconds);
  const absolute = Math.log(Math.min(FAST_ABSOLUTE_SECONDS, FAST_SHARE_OF_EXPECTED * expectedSeconds));
  const fast = logSumExp([
    Math.log(0.5) + logNormalLogDensity(x, relative, FAST_LOG_SIGMA),
    Math.log(0.5) + logNormalLogDensity(x, absolute, FAST_LOG_SIGMA),
  ]);
  const honest = logNormalLogDensity(x, Math.log(expectedSeconds), HONEST_LOG_SIGMA);
  return Math.min(TIME_LLR_MAX, Math.max(TIME_LLR_MIN, fast - honest));
}

function batchEvidenceCheck(items: readonly ItemEvidence[], model: SpamModel): void {
  if (items.length === 0) throw new RangeError('cannot score an empty batch');
  if (model.labels.length < 2) throw new RangeError('need at least two labels');
  if (!(model.priorSpam >= 0 && model.priorSpam <= 1)) throw new RangeError('priorSpam must be in [0, 1]');
  if (!Number.isFinite(model.honestAccuracy)) throw new RangeError('honestAccuracy must be a finite number');
  const known = new Set(model.labels);
  for (const it of items) {
    if (!known.has(it.label)) throw new RangeError(`answer '${it.label}' is not in the label set`);
    if (it.gold !== null && !known.has(it.gold)) throw new RangeError(`gold '${it.gold}' is not in the label set`);
    if (!(Number.isFinite(it.seconds) && it.seconds >= 0)) throw new RangeError(`bad seconds ${it.seconds}`);
    if (!(Number.isFinite(it.expectedSeconds) && it.expectedSeconds > 0)) {
      throw new RangeError(`bad expectedSeconds ${it.expectedSeconds}`);
    }
  }
}

export function batchEvidence(items: readonly ItemEvidence[], model: SpamModel): BatchEvidence {
  batchEvidenceCheck(items, model);
  const { labels } = model;
  const k = labels.length;
  // An honest labeller beats chance and is never perfect.
  const a = Math.min(0.99, Math.max(1 / k + 0.01, model.honestAccuracy));
  const wrong = (1 - a) / (k - 1);
  const shareTotal = labels.reduce((acc, l) => acc + Math.max(SHARE_FLOOR, own(model.labelShares, l)), 0);
  const logK = Math.log(1 / k);

  let gold = 0;
  let peers = 0;
  let none = 0;
  let fastTime = 0;
  const constant = labels.map(() => 0);
  let alternate = 0;
  items.forEach((it, i) => {
    let honest: number;
    if (it.gold !== null) {
      honest = it.label === it.gold ? a : wrong;
      gold += logK - Math.log(honest);
    } else if (it.peers !== null) {
      const pTrue = own(it.peers, it.label);
      honest = pTrue * a + (1 - pTrue) * wrong;
      peers += logK - Math.log(honest);
    } else {
      honest = Math.max(SHARE_FLOOR, own(model.labelShares, it.label)) / shareTotal;
      none += logK - Math.log(honest);
    }
    fastTime += batchEvidenceTimeLLR(it.seconds, it.expectedSeconds);
    labels.forEach((c, j) => {
      constant[j] = (constant[j] ?? 0) + Math.log(it.label === c ? 1 - SPAM_EPSILON : SPAM_EPSILON / (k - 1)) - Math.log(honest);
    });
    const prev = items[i - 1];
    const pAlt = prev === undefined ? 1 / k : prev.label === it.label ? SPAM_EPSILON : (1 - SPAM_EPSILON) / (k - 1);
    alternate += Math.log(pAlt) - Math.log(honest);
  });

  const uniformLabels = gold + peers + none;
  const constantLabels = logSumExp(constant.map((c) => c - Math.log(k)));
  const spamTypes: SpamTypeLLRs = {
    'random-fast': uniformLabels + fastTime,
    'random-human': uniformLabels,
    'constant-fast': constantLabels + fastTime,
    'constant-human': constantLabels,
    'alternate-fast': alternate + fastTime,
    'alternate-human': alternate,
  };
  const llr = logSumExp(SPAM_TYPES.map((t) => Math.log(SPAM_TYPE_PRIOR[t]) + spamTypes[t]));
  // The uniform type's timing mixture, for the explanation only.
  const wFast = SPAM_TYPE_PRIOR['random-fast'] / (SPAM_TYPE_PRIOR['random-fast'] + SPAM_TYPE_PRIOR['random-human']);
  const time = logSumExp([Math.log(wFast) + fastTime, Math.log(1 - wFast)]);
  const prior = Math.min(1 - 1e-9, Math.max(1e-9, model.priorSpam));
  const logOdds = Math.log(prior / (1 - prior)) + llr;
  const components = { gold, peers, time, pattern: llr - gold - peers - time };
  const figures = batchEvidenceFigures(items, labels);
  const posteriorSpam = 1 / (1 + Math.exp(-logOdds));
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
      constant: constantLabels - uniformLabels,
      alternate: alternate - uniformLabels,
    }, posteriorSpam),
  };
}
