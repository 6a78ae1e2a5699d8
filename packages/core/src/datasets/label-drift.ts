/**
 * Label balance drift: each label's share of the new version against its share of the parent.
 * A model trained on the new version sees the new shares, so that is what is compared; the
 * share among the added rows alone is listed too, since a small merge can move the version
 * little while being very unlike it. The difference is absolute (0.5 → 0.62 is 0.12): a
 * relative one would flag every rare label that gains a single row.
 */

export type LabelDrift = {
  label: string;
  parentCount: number;
  addedCount: number;
  versionCount: number;
  /** null when the parent has no rows: there is nothing to drift from. */
  parentShare: number | null;
  addedShare: number | null;
  versionShare: number | null;
  /** versionShare − parentShare. */
  delta: number | null;
  flagged: boolean;
};

const share = (n: number, total: number) => (total === 0 ? null : n / total);
const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** One line per label: the project's labels in their order, then any others seen, sorted. */
export function labelDriftTable(
  labels: readonly string[],
  parentCounts: Readonly<Record<string, number>>,
  addedCounts: Readonly<Record<string, number>>,
  threshold: number,
): LabelDrift[] {
  const extra = [...new Set([...Object.keys(parentCounts), ...Object.keys(addedCounts)])]
    .filter((l) => !labels.includes(l))
    .sort();
  const parentTotal = sum(parentCounts);
  const addedTotal = sum(addedCounts);
  return [...labels, ...extra].map((label) => {
    const parentCount = parentCounts[label] ?? 0;
    const addedCount = addedCounts[label] ?? 0;
    const versionCount = parentCount + addedCount;
    const parentShare = share(parentCount, parentTotal);
    const versionShare = share(versionCount, parentTotal + addedTotal);
    const delta = parentShare === null || versionShare === null ? null : versionShare - parentShare;
    return {
      label,
      parentCount,
      addedCount,
      versionCount,
      parentShare,
      addedShare: share(addedCount, addedTotal),
      versionShare,
      delta,
      // A hair of slack so a delta of exactly the threshold, computed in floating point, is not flagged.
      flagged: delta !== null && Math.abs(delta) > threshold + 1e-12,
    };
  });
}
