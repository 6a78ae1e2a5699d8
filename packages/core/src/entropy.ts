/**
 * Normalised Shannon entropy (Shannon 1948), shared by uncertainty sampling and disagreement.
 * H(p) / log(k) puts every label-set size on the same [0, 1] scale: 0 = all mass on one label,
 * 1 = uniform over the k labels.
 */
export function entropyNormalised(weights: readonly number[]): number {
  if (weights.length === 0) {
    throw new RangeError('entropy needs at least one weight');
  }
  let total = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`entropy weights must be finite and non-negative, got ${w}`);
    }
    total += w;
  }
  if (total === 0) {
    throw new RangeError('entropy weights must not all be zero');
  }
  // One label cannot be uncertain; also avoids 0 / log(1).
  if (weights.length === 1) {
    return 0;
  }
  let h = 0;
  for (const w of weights) {
    // 0 · log 0 is taken as 0 (its limit), so zero-weight labels add nothing.
    if (w > 0) {
      const p = w / total;
      h -= p * Math.log(p);
    }
  }
  // Rounding can push a uniform distribution a hair past 1.
  return Math.min(1, Math.max(0, h / Math.log(weights.length)));
}
