import { reliabilityLogSumExp } from './batch-time';
import { SPAM_TYPE_PRIOR, SPAM_TYPES, type SpamTypeLLRs } from './spam-types';

/**
 * The prior P(spammer) a labeller carries into their next batch: a sequential probability ratio
 * test (Wald 1945, "Sequential tests of statistical hypotheses") over their decided batches. Each
 * batch adds its log-likelihood ratio log P(batch | spam) − log P(batch | honest) to the log prior
 * odds. Only the last `window` batches count: a labeller who drifts into random clicking is caught
 * after a few batches however long their honest history, and one who reforms recovers.
 */
export type LabellerPriorOptions = { basePrior?: number; window?: number };

export const LABELLER_PRIOR_DEFAULTS = { basePrior: 0.1, window: 5 } as const;
export const LABELLER_PRIOR_MIN = 0.01;
export const LABELLER_PRIOR_MAX = 0.99;

const logit = (p: number): number => Math.log(p / (1 - p));

/** previousBatchLLRs oldest → newest. */
export function labellerSpamPrior(previousBatchLLRs: readonly number[], opts: LabellerPriorOptions = {}): number {
  const basePrior = opts.basePrior ?? LABELLER_PRIOR_DEFAULTS.basePrior;
  const window = opts.window ?? LABELLER_PRIOR_DEFAULTS.window;
  if (!(basePrior > 0 && basePrior < 1)) {
    throw new RangeError(`basePrior must be in (0, 1), got ${basePrior}`);
  }
  if (!Number.isInteger(window) || window < 0) {
    throw new RangeError(`window must be a non-negative integer, got ${window}`);
  }
  let logOdds = logit(basePrior);
  for (const llr of previousBatchLLRs.slice(Math.max(0, previousBatchLLRs.length - window))) {
    if (Number.isNaN(llr)) {
      throw new RangeError('a batch log-likelihood ratio is NaN');
    }
    logOdds += llr;
  }
  const p = 1 / (1 + Math.exp(-logOdds));
  return Math.min(LABELLER_PRIOR_MAX, Math.max(LABELLER_PRIOR_MIN, p));
}

/**
 * The same test with the spammer TYPE held fixed across batches (Robbins' method of mixtures:
 * mix over the composite alternative once for the whole window, not once per batch). Summing
 * per-batch mixture LLRs charges the type's prior weight (log 0.3 for a random clicker with human
 * timing) in every batch, so a labeller who clicks at random at a human pace, adding +0.5 to +1 nat
 * of peer disagreement per batch, would never be caught. Here
 *   log prior odds = logit(basePrior) + log Σ_τ w_τ exp(Σ_window LLR_τ),
 * with LLR_τ each batch's BatchEvidence.spamTypes. The current batch is still scored with the
 * fixed weights (batchEvidence), so a labeller who switches type is judged on the new type at once.
 */
export function labellerSpamPriorByType(previous: readonly Readonly<SpamTypeLLRs>[], opts: LabellerPriorOptions = {}): number {
  const basePrior = opts.basePrior ?? LABELLER_PRIOR_DEFAULTS.basePrior;
  const window = opts.window ?? LABELLER_PRIOR_DEFAULTS.window;
  labellerSpamPrior([], { basePrior, window }); // validates the options
  const recent = previous.slice(Math.max(0, previous.length - window));
  if (recent.length === 0) return Math.min(LABELLER_PRIOR_MAX, Math.max(LABELLER_PRIOR_MIN, basePrior));
  const terms = SPAM_TYPES.map((t) => {
    const sum = recent.reduce((acc, b) => acc + b[t], 0);
    if (Number.isNaN(sum)) throw new RangeError(`a batch log-likelihood ratio for '${t}' is NaN`);
    return Math.log(SPAM_TYPE_PRIOR[t]) + sum;
  });
  const p = 1 / (1 + Math.exp(-(logit(basePrior) + reliabilityLogSumExp(terms))));
  return Math.min(LABELLER_PRIOR_MAX, Math.max(LABELLER_PRIOR_MIN, p));
}
