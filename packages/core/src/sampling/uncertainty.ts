import { entropyNormalised } from '../entropy';
import type { Label } from '../words';

/**
 * Uncertainty measures for pool-based active learning, after Settles (2009), "Active Learning
 * Literature Survey", §3.1 (Uncertainty Sampling): least confidence, margin and entropy.
 * Each is scaled to [0, 1] with 1 = most uncertain, so the selector can rank any of them.
 */

function uncertaintyValues(probs: Readonly<Record<Label, number>>): number[] {
  const values = Object.values(probs);
  if (values.length === 0) {
    throw new RangeError('uncertainty needs at least one label probability');
  }
  for (const p of values) {
    if (!Number.isFinite(p) || p < 0 || p > 1) {
      throw new RangeError(`probabilities must be in [0, 1], got ${p}`);
    }
  }
  return values;
}

/** Least confidence: 1 − max_y P(y|x). */
export function uncertaintyLeastConfidence(probs: Readonly<Record<Label, number>>): number {
  return 1 - Math.max(...uncertaintyValues(probs));
}

/**
 * Margin: 1 − (P(ŷ1|x) − P(ŷ2|x)) over the two most likely labels. Settles ranks by the smallest
 * margin; subtracting from 1 turns that into "larger is more uncertain". A single label has p2 = 0.
 */
export function uncertaintyMargin(probs: Readonly<Record<Label, number>>): number {
  const sorted = uncertaintyValues(probs).sort((a, b) => b - a);
  const p1 = sorted[0] ?? 0;
  const p2 = sorted[1] ?? 0;
  return 1 - (p1 - p2);
}

/** Entropy: H(P(·|x)) / log k, k = number of labels given. */
export function uncertaintyEntropy(probs: Readonly<Record<Label, number>>): number {
  return entropyNormalised(uncertaintyValues(probs));
}
