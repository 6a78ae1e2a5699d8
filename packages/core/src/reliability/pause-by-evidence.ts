import { LABELLER_PRIOR_DEFAULTS } from './labeller-prior';
import { SPAM_TYPE_PRIOR, SPAM_TYPES, type SpamType, type SpamTypeLLRs } from './spam-types';

/**
 * The second way into a pause, beside "2 of the last 3 batches rejected": the labeller's batches
 * TOGETHER make them a likely spammer (labellerSpamPriorByType ≥ spamPriorAbove), even if each
 * batch alone stayed under the rejection threshold. Random answers at a human pace add only
 * 0.5–1 nat per batch of 10, so one batch is rarely damning, but three or four are.
 *
 * Default 0.8, from `npm run bench -- reliability-tradeoff` (200 careers of up to 12 batches of 10
 * with one control and 4 peers per item, decided at 0.5, retraction above 1 nat): random clickers
 * at a human pace are paused within 3 batches in 31.5 % of careers (11.5 % without this rule) and
 * within 12 in 97.5 % (94 %); drifters 91.5 % (86.5 %); labellers who know the controls 79 %
 * (74.5 %). Honest labellers at exactly the minimum accuracy 0.7 lose 2.0 % of their batches
 * (2.0 %) and 7.5 % of them are paused (4.5 %); at 0.8, 0.1 % and none. At 0.7: 2.6 % and 10 %.
 * It needs at least `minBatches` (3) decided batches: one glaring batch (a fast clicker's) is the
 * rejection rule's business, and one rejection alone never pauses anyone.
 */
export const PAUSE_BY_EVIDENCE_DEFAULTS = { spamPriorAbove: 0.8, minBatches: 3, retractAboveNats: 1 } as const;

/** The figures of one decided batch that a pause explanation sums (batchEvidenceFigures' counts). */
export type PauseWindowBatch = {
  spamTypes: SpamTypeLLRs;
  goldCorrect: number;
  goldTotal: number;
  peerItems: number;
  peerAgreement: number | null;
};

export type EvidencePause = { pause: boolean; reason: string | null; likelyType: SpamType | null };

/** The spammer type that best explains the window (largest prior-weighted summed LLR). */
export function likeliestSpamType(window: readonly Pick<PauseWindowBatch, 'spamTypes'>[]): SpamType {
  let best: SpamType = SPAM_TYPES[0];
  let bestScore = -Infinity;
  for (const t of SPAM_TYPES) {
    const score = Math.log(SPAM_TYPE_PRIOR[t]) + window.reduce((s, b) => s + b.spamTypes[t], 0);
    if (score > bestScore) [best, bestScore] = [t, score];
  }
  return best;
}

/**
 * window: the labeller's last decided batches, oldest → newest, at most the prior's window;
 * spamPrior: labellerSpamPriorByType over them. The reason gives counts only, never items.
 */
export function pauseByEvidence(window: readonly PauseWindowBatch[], spamPrior: number, opts: { spamPriorAbove?: number; minBatches?: number } = {}): EvidencePause {
  const above = opts.spamPriorAbove ?? PAUSE_BY_EVIDENCE_DEFAULTS.spamPriorAbove;
  const minBatches = opts.minBatches ?? PAUSE_BY_EVIDENCE_DEFAULTS.minBatches;
  if (!(above > 0 && above < 1)) throw new RangeError(`spamPriorAbove must be in (0, 1), got ${above}`);
  if (!Number.isInteger(minBatches) || minBatches < 1) throw new RangeError(`minBatches must be a whole number ≥ 1, got ${minBatches}`);
  const recent = window.slice(Math.max(0, window.length - LABELLER_PRIOR_DEFAULTS.window));
  if (recent.length < minBatches || spamPrior < above) return { pause: false, reason: null, likelyType: null };
  const type = likeliestSpamType(recent);
  const peerItems = recent.reduce((s, b) => s + b.peerItems, 0);
  const peerAgree = Math.round(recent.reduce((s, b) => s + (b.peerAgreement ?? 0) * b.peerItems, 0));
  const goldTotal = recent.reduce((s, b) => s + b.goldTotal, 0);
  const goldCorrect = recent.reduce((s, b) => s + b.goldCorrect, 0);
  const parts: string[] = [];
  if (peerItems > 0) parts.push(`your answers matched other labellers' on ${peerAgree} of ${peerItems} pairs`);
  if (goldTotal > 0) parts.push(`${goldCorrect} of ${goldTotal} control answers were right`);
  if (type.endsWith('-fast')) parts.push('most answers came far faster than reading the pair takes');
  const pattern = type.startsWith('constant') ? 'the same answer given again and again' : type.startsWith('alternate') ? 'answers taking turns' : 'answers picked at random';
  const n = recent.length;
  const reason = `over your last ${n} batch${n === 1 ? '' : 'es'}, ${parts.join(' and ') || 'your answers'}: about what ${pattern} would give`;
  return { pause: true, reason, likelyType: type };
}

/**
 * Which of the window's accepted batches to take back when a labeller is paused on evidence, so
 * their labels stop counting in items not yet in a dataset: those whose own evidence also points
 * to the type that explains the window (its LLR for that type > minNats: 1 nat, odds e:1, by
 * default; at 0 honest 0.7 labellers lose 2.9 % of batches instead of 1.9 %, and random ones keep
 * 38 % instead of 48 % — reliability-weighted aggregation gives what they keep almost no weight).
 * Batches that on their own look honest stay accepted, so one paused by bad luck keeps most of their work; batches
 * an engineer accepted by hand (`overridden`) always stay. Returns indexes into `window`.
 */
export function batchesToRetract(
  window: readonly (Pick<PauseWindowBatch, 'spamTypes'> & { accepted: boolean; overridden: boolean })[],
  minNats: number = PAUSE_BY_EVIDENCE_DEFAULTS.retractAboveNats,
): number[] {
  if (window.length === 0) return [];
  const type = likeliestSpamType(window);
  return window.flatMap((b, i) => (b.accepted && !b.overridden && b.spamTypes[type] > minNats ? [i] : []));
}
