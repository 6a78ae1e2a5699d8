/**
 * The spammer types of batchEvidence's H_spam and their prior weights, shared with
 * labellerSpamPriorByType (which mixes over the same types across a labeller's recent batches).
 * Weights: most spammers click at random; constant and alternating clickers are rarer. Half of
 * each is assumed fast, half at a human pace. They are priors, not fitted: a batch is only as
 * suspicious as its best-fitting type times that type's weight.
 */
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
/** How often a constant clicker or an alternator slips. */
export const SPAM_EPSILON = 0.03;
