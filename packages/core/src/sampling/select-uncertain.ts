import type { SampleId } from '../words';

export type UncertainCandidate = { sampleId: SampleId; uncertainty: number };

/**
 * Picks the samples to turn into items. The open-item budget caps how much labelling work is in
 * flight: the crowd's throughput is finite, and items selected long before they are labelled
 * would be chosen by an outdated model.
 *
 * Ties are broken by sampleId (code-unit order, not locale) so a rerun of the select job picks
 * the same samples — the job must be idempotent.
 */
export function selectUncertain(
  candidates: readonly UncertainCandidate[],
  opts: { openItems: number; openItemBudget: number },
): SampleId[] {
  if (!Number.isFinite(opts.openItems) || !Number.isFinite(opts.openItemBudget)) {
    throw new RangeError('openItems and openItemBudget must be finite numbers');
  }
  for (const c of candidates) {
    if (Number.isNaN(c.uncertainty)) {
      throw new RangeError(`uncertainty of sample ${c.sampleId} is NaN`);
    }
  }
  const room = Math.max(0, Math.floor(opts.openItemBudget - opts.openItems));
  if (room === 0) {
    return [];
  }
  return candidates
    .slice()
    .sort((a, b) => {
      if (a.uncertainty !== b.uncertainty) {
        return b.uncertainty - a.uncertainty;
      }
      return a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0;
    })
    .slice(0, room)
    .map((c) => c.sampleId);
}
