import { entropyNormalised } from '../entropy';
import type { Label } from '../words';

/**
 * How much settling an escalated item is worth, so the expert queue starts where an expert's
 * answer helps most. Two figures, both in [0, 1]:
 *
 * - the crowd's disagreement: normalised Shannon entropy of the item's posterior (0 = the crowd
 *   is sure, 1 = spread evenly over every label). It stands for the chance that the label the
 *   dataset would otherwise get is wrong.
 * - the production model's error rate on items like this one: among items of the project that
 *   are already settled, the share whose final label differs from the model's prediction, in the
 *   same model-confidence bucket. Items of a kind the model gets wrong are the training examples
 *   that teach it most (the uncertainty-sampling argument, Settles 2009 §3).
 *
 * The score is their product: a split crowd on a kind of item the model already gets right teaches
 * the model little, and a kind the model gets wrong matters only where the crowd left doubt.
 */

/** Ten equal-width confidence bins, the usual reliability-diagram binning (Guo et al. 2017, "On
 *  Calibration of Modern Neural Networks"; Naeini et al. 2015). */
export const REVIEW_CONFIDENCE_BUCKETS = 10;

/**
 * Weight of the prior in pseudo-items. With no settled item in a bucket the error rate is the
 * prior; with ten it is half prior, half observed; with a hundred it is mostly what was observed.
 */
export const REVIEW_ERROR_PRIOR_WEIGHT = 10;

/**
 * Added before flooring. Confidences also come back from float4 columns (0.7 is stored as
 * 0.69999999); a nudge far below any meaningful difference keeps such a value in its bucket.
 */
export const REVIEW_BUCKET_EPSILON = 1e-6;

/** The bucket of a model confidence (its top probability): ⌊c · n + ε⌋, the top bin closed at 1. */
export function reviewConfidenceBucket(confidence: number, buckets = REVIEW_CONFIDENCE_BUCKETS): number {
  if (!Number.isFinite(confidence)) throw new RangeError(`confidence must be a number, got ${confidence}`);
  const c = Math.min(1, Math.max(0, confidence));
  return Math.min(buckets - 1, Math.floor(c * buckets + REVIEW_BUCKET_EPSILON));
}

export function reviewBucketRange(bucket: number, buckets = REVIEW_CONFIDENCE_BUCKETS): { low: number; high: number } {
  return { low: bucket / buckets, high: (bucket + 1) / buckets };
}

/** What the settled items of one confidence bucket say about the model. */
export type ReviewBucketRecord = { settled: number; wrong: number };

/**
 * The model's error rate in a bucket: the posterior mean of a Beta prior centred on a calibrated
 * model's error (1 − the bucket's mid confidence) with `weight` pseudo-items, updated with the
 * bucket's settled items — additive smoothing, so a bucket with two settled items cannot claim
 * an error rate of 0 or 1.
 */
export function reviewModelErrorRate(record: ReviewBucketRecord, bucket: number, buckets = REVIEW_CONFIDENCE_BUCKETS, weight = REVIEW_ERROR_PRIOR_WEIGHT): number {
  if (record.wrong < 0 || record.settled < record.wrong) throw new RangeError(`bad bucket record ${record.wrong}/${record.settled}`);
  const { low, high } = reviewBucketRange(bucket, buckets);
  const prior = 1 - (low + high) / 2;
  return (record.wrong + weight * prior) / (record.settled + weight);
}

export type ReviewPriorityInput = {
  /** The item's aggregated posterior; labels missing from it count as 0. */
  posterior: Readonly<Record<Label, number>>;
  labels: readonly Label[];
  /** The model's top probability for the item. */
  modelConfidence: number;
  /** Settled items per confidence bucket (index = bucket); missing buckets have none. */
  buckets: ReadonlyMap<number, ReviewBucketRecord>;
};

export type ReviewPriority = {
  score: number;
  entropy: number;
  modelConfidence: number;
  bucket: { low: number; high: number };
  modelErrorRate: number;
  settledInBucket: number;
  wrongInBucket: number;
  /** 'prior': no settled item in the bucket yet; 'blend': fewer than the prior's weight; else 'observed'. */
  basis: 'prior' | 'blend' | 'observed';
};

export function reviewPriority(input: ReviewPriorityInput): ReviewPriority {
  const weights = input.labels.map((l) => Math.max(0, input.posterior[l] ?? 0));
  // No posterior (an aggregate row lost or not written yet) is the most doubtful case, not the least.
  const entropy = weights.some((w) => w > 0) ? entropyNormalised(weights) : 1;
  const bucket = reviewConfidenceBucket(input.modelConfidence);
  const record = input.buckets.get(bucket) ?? { settled: 0, wrong: 0 };
  const modelErrorRate = reviewModelErrorRate(record, bucket);
  return {
    score: entropy * modelErrorRate,
    entropy,
    modelConfidence: input.modelConfidence,
    bucket: reviewBucketRange(bucket),
    modelErrorRate,
    settledInBucket: record.settled,
    wrongInBucket: record.wrong,
    basis: record.settled === 0 ? 'prior' : record.settled < REVIEW_ERROR_PRIOR_WEIGHT ? 'blend' : 'observed',
  };
}

/** The model's top probability; 0 for an empty distribution. */
export function reviewModelConfidence(probs: Readonly<Record<Label, number>>): number {
  return Object.values(probs).reduce((m, p) => (Number.isFinite(p) && p > m ? p : m), 0);
}
