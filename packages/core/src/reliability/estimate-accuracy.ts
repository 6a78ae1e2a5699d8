/**
 * A labeller's accuracy (and per-class confusion) from thin data, shrunk toward the crowd.
 *
 * reliabilityEstimate: Beta–binomial posterior (e.g. Gelman et al., Bayesian Data Analysis, §2.4).
 * Prior Beta(s·c, s·(1 − c)) with c = the crowd's accuracy and s = priorStrength pseudo-answers,
 * so a labeller with three gold answers sits near the crowd and one with three hundred sits near
 * their own rate. Gold answers count fully; agreements with peers are soft evidence (the peers can
 * be wrong, and the caller may pass a fractional agreement such as the peer posterior of the
 * labeller's answer) and count with weight 0.5.
 *
 * The 90 % interval is the normal approximation to the Beta posterior, mean ± 1.645 sd, clipped to
 * [0, 1]. It is for display and ranking; decisions use the mean.
 */
export type ReliabilityEstimate = { accuracy: number; low: number; high: number; n: number };

export const RELIABILITY_PRIOR_STRENGTH = 6;
export const RELIABILITY_PEER_WEIGHT = 0.5;
const Z90 = 1.6448536269514722;

function estimateCount(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${v}`);
  }
  return v;
}

export function reliabilityEstimate(args: {
  goldCorrect: number;
  goldTotal: number;
  peerAgree: number;
  peerTotal: number;
  crowdAccuracy: number;
  priorStrength?: number;
}): ReliabilityEstimate {
  const goldCorrect = estimateCount('goldCorrect', args.goldCorrect);
  const goldTotal = estimateCount('goldTotal', args.goldTotal);
  const peerAgree = estimateCount('peerAgree', args.peerAgree);
  const peerTotal = estimateCount('peerTotal', args.peerTotal);
  const s = estimateCount('priorStrength', args.priorStrength ?? RELIABILITY_PRIOR_STRENGTH);
  if (goldCorrect > goldTotal || peerAgree > peerTotal) {
    throw new RangeError('correct/agreeing answers cannot exceed their totals');
  }
  if (!(args.crowdAccuracy >= 0 && args.crowdAccuracy <= 1)) {
    throw new RangeError(`crowdAccuracy must be in [0, 1], got ${args.crowdAccuracy}`);
  }
  const alpha = s * args.crowdAccuracy + goldCorrect + RELIABILITY_PEER_WEIGHT * peerAgree;
  const total = s + goldTotal + RELIABILITY_PEER_WEIGHT * peerTotal;
  const n = goldTotal + peerTotal;
  if (total === 0) {
    // No prior and no data: nothing is known.
    return { accuracy: args.crowdAccuracy, low: 0, high: 1, n };
  }
  const accuracy = alpha / total;
  // Variance of Beta(α, β) is m(1 − m)/(α + β + 1).
  const sd = Math.sqrt((accuracy * (1 - accuracy)) / (total + 1));
  return {
    accuracy,
    low: Math.max(0, accuracy - Z90 * sd),
    high: Math.min(1, accuracy + Z90 * sd),
    n,
  };
}

/**
 * Per-class confusion rows (true × answered) with a Dirichlet prior centred on the pooled row of
 * the whole crowd (Dawid & Skene 1979 confusion matrices; the Dirichlet smoothing as in Raykar et
 * al. 2010 and Kim & Ghahramani 2012, "Bayesian classifier combination"):
 *   row_t = (counts_t + strength · pooledShare_t) / (Σ counts_t + strength).
 * A class the labeller has never seen gets the pooled row. Every row sums to 1.
 */
export function reliabilityConfusion(counts: number[][], pooled: number[][], strength = 4): number[][] {
  const k = counts.length;
  if (k === 0 || pooled.length !== k || counts.some((r) => r.length !== k) || pooled.some((r) => r.length !== k)) {
    throw new RangeError('counts and pooled must both be K × K');
  }
  estimateCount('strength', strength);
  return counts.map((row, t) => {
    const pooledRow = (pooled[t] ?? []).map((v) => estimateCount('pooled count', v));
    const pooledTotal = pooledRow.reduce((a, b) => a + b, 0);
    // No pooled evidence for this class either: fall back to a flat row.
    const prior = pooledTotal > 0 ? pooledRow.map((v) => v / pooledTotal) : pooledRow.map(() => 1 / k);
    const rowTotal = row.reduce((a, v) => a + estimateCount('count', v), 0);
    const denom = rowTotal + strength;
    if (denom === 0) return prior;
    return row.map((v, j) => (v + strength * (prior[j] ?? 0)) / denom);
  });
}
