import type { Label } from '../words';
import { uncertaintyEntropy, uncertaintyLeastConfidence, uncertaintyMargin } from './uncertainty';

/**
 * How a project ranks pooled samples for labelling. The first three read the model's
 * (mean) distribution; the last two read the disagreement between stochastic forward passes
 * (MC dropout, an ensemble) and fall back to entropy for samples sent without them.
 */
export const SELECTION_STRATEGIES = ['least_confidence', 'margin', 'entropy', 'variance', 'bald'] as const;
export type SelectionStrategy = (typeof SELECTION_STRATEGIES)[number];

/**
 * Entropy is the default: for two labels it ranks exactly like least confidence and margin (all
 * three are monotone in |p − 0.5|), and with more labels it looks at the whole distribution
 * rather than the top one or two.
 */
export const SELECTION_STRATEGY_DEFAULT: SelectionStrategy = 'entropy';

export type SamplePrediction = {
  probs: Readonly<Record<Label, number>>;
  /** Stochastic passes over the same label set; absent or fewer than 2 → no disagreement signal. */
  passes?: readonly Readonly<Record<Label, number>>[] | null;
};

function passLabels(probs: Readonly<Record<Label, number>>, passes: readonly Readonly<Record<Label, number>>[]): Label[] {
  const labels = Object.keys(probs);
  for (const pass of passes) {
    for (const l of labels) {
      const p = pass[l];
      if (p === undefined || !Number.isFinite(p) || p < 0 || p > 1) {
        throw new RangeError(`every stochastic pass needs a probability in [0, 1] for '${l}'`);
      }
    }
  }
  return labels;
}

/**
 * Variance: the mean over labels of the variance of P(y|x) across passes, divided by its largest
 * possible value, (k − 1)/k² (one-hot passes spread evenly over the k labels), so 1 = passes as far
 * apart as they can be and 0 = passes that agree.
 */
export function uncertaintyVariance(probs: Readonly<Record<Label, number>>, passes: readonly Readonly<Record<Label, number>>[]): number {
  const labels = passLabels(probs, passes);
  const k = labels.length;
  const n = passes.length;
  if (k < 2 || n < 2) return 0;
  let total = 0;
  for (const l of labels) {
    let mean = 0;
    for (const pass of passes) mean += pass[l]!;
    mean /= n;
    let v = 0;
    for (const pass of passes) v += (pass[l]! - mean) ** 2;
    total += v / n;
  }
  const meanVariance = total / k;
  const max = (k - 1) / (k * k);
  return Math.min(1, Math.max(0, meanVariance / max));
}

function entropyNats(p: readonly number[]): number {
  let sum = 0;
  for (const x of p) sum += x;
  if (sum <= 0) return 0;
  let h = 0;
  for (const x of p) if (x > 0) h -= (x / sum) * Math.log(x / sum);
  return h;
}

/**
 * BALD (Houlsby et al. 2011, "Bayesian Active Learning by Disagreement"; Gal et al. 2017 for MC
 * dropout): the mutual information between the label and the model parameters,
 * H(mean of passes) − mean of H(pass). High when passes are each confident but disagree — the
 * samples a label teaches the model most — and low when every pass is equally unsure (noise a
 * label cannot remove). Scaled by log k to [0, 1].
 */
export function uncertaintyBald(probs: Readonly<Record<Label, number>>, passes: readonly Readonly<Record<Label, number>>[]): number {
  const labels = passLabels(probs, passes);
  const k = labels.length;
  const n = passes.length;
  if (k < 2 || n < 2) return 0;
  const mean = labels.map((l) => passes.reduce((s, pass) => s + pass[l]!, 0) / n);
  const expected = passes.reduce((s, pass) => s + entropyNats(labels.map((l) => pass[l]!)), 0) / n;
  const mi = entropyNats(mean) - expected;
  return Math.min(1, Math.max(0, mi / Math.log(k)));
}

/**
 * One sample's score under a strategy, in [0, 1], 1 = most worth a label. Disagreement strategies
 * on a sample sent without at least two passes fall back to half its entropy: entropy bounds the
 * mutual information from above (MI = H(mean) − E[H(pass)] ≤ H(mean)), so the full entropy would
 * rank such samples above every sample whose passes were sent, and zero would never select them.
 */
export function selectionScore(strategy: SelectionStrategy, prediction: SamplePrediction): number {
  const passes = prediction.passes ?? null;
  switch (strategy) {
    case 'least_confidence':
      return uncertaintyLeastConfidence(prediction.probs);
    case 'margin':
      return uncertaintyMargin(prediction.probs);
    case 'entropy':
      return uncertaintyEntropy(prediction.probs);
    case 'variance':
      return passes && passes.length >= 2 ? uncertaintyVariance(prediction.probs, passes) : uncertaintyEntropy(prediction.probs) / 2;
    case 'bald':
      return passes && passes.length >= 2 ? uncertaintyBald(prediction.probs, passes) : uncertaintyEntropy(prediction.probs) / 2;
  }
}
