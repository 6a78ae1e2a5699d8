import type { Label } from '../words';

/**
 * Unweighted majority vote: the baseline aggregate before reliability weighting
 * (Dawid & Skene 1979 refine it; see Sheng, Provost & Ipeirotis 2008, "Get another label?",
 * for majority vote as the repeated-labelling baseline).
 */
export type MajorityVoteResult = {
  winner: Label | null;
  counts: Record<Label, number>;
  posterior: Record<Label, number>;
  agreement: number;
  tied: boolean;
};

export function majorityVote(votes: readonly Label[], labels: readonly Label[]): MajorityVoteResult {
  if (votes.length === 0) {
    throw new RangeError('majorityVote needs at least one vote');
  }
  // A Map, not an object literal, so a label such as "__proto__" or "constructor" is just a key.
  const counts = new Map<Label, number>(labels.map((l) => [l, 0]));
  for (const v of votes) {
    const c = counts.get(v);
    if (c === undefined) {
      throw new RangeError(`vote '${v}' is not in the label set`);
    }
    counts.set(v, c + 1);
  }
  let top = 0;
  let leaders: Label[] = [];
  for (const [label, c] of counts) {
    if (c > top) {
      top = c;
      leaders = [label];
    } else if (c === top) {
      leaders.push(label);
    }
  }
  const tied = leaders.length > 1;
  const entries = [...counts];
  return {
    // A tie has no majority; choosing by label order would bias the dataset toward one label.
    winner: tied ? null : (leaders[0] ?? null),
    // Object.fromEntries defines own properties, so "__proto__" survives as a key.
    counts: Object.fromEntries(entries),
    posterior: Object.fromEntries(entries.map(([l, c]) => [l, c / votes.length])),
    agreement: top / votes.length,
    tied,
  };
}
