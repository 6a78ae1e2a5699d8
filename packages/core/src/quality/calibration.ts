import { REVIEW_CONFIDENCE_BUCKETS, reviewBucketRange } from '../review/priority';

/**
 * How well the production model's confidence matches how often it was right, on the items the
 * platform settled: a reliability diagram (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana
 * 2005) over the same ten equal-width confidence buckets the review queue ranks by
 * (reviewConfidenceBucket), and the expected calibration error
 *
 *   ECE = Σ_b (n_b / N) · |accuracy_b − mean confidence_b|     (Naeini et al. 2015; Guo et al. 2017)
 *
 * A calibrated model sits on the diagonal: of the items it gave 0.7, seven in ten were right.
 * Settled items are the ones the model was least sure about (uncertainty sampling picked them),
 * so this is the model's calibration where it matters, not over all its predictions.
 */

/** What SQL returns per bucket: settled items, how many the model got wrong, Σ confidence. */
export type QualityCalibrationRecord = { bucket: number; settled: number; wrong: number; confidenceSum: number };

export type QualityCalibrationBucket = {
  low: number;
  high: number;
  settled: number;
  wrong: number;
  /** Share the model got right; null for an empty bucket. */
  accuracy: number | null;
  meanConfidence: number | null;
};

export type QualityCalibration = {
  buckets: QualityCalibrationBucket[];
  settled: number;
  wrong: number;
  /** The model's accuracy on settled items; null with none. */
  accuracy: number | null;
  /** Expected calibration error in [0, 1]; null with no settled item. */
  ece: number | null;
};

export function qualityCalibration(records: readonly QualityCalibrationRecord[], buckets = REVIEW_CONFIDENCE_BUCKETS): QualityCalibration {
  const byBucket = new Map<number, QualityCalibrationRecord>();
  for (const r of records) {
    if (!Number.isInteger(r.bucket) || r.bucket < 0 || r.bucket >= buckets) throw new RangeError(`bucket ${r.bucket} outside 0..${buckets - 1}`);
    if (r.wrong < 0 || r.wrong > r.settled) throw new RangeError(`bad bucket record ${r.wrong}/${r.settled}`);
    const prev = byBucket.get(r.bucket);
    byBucket.set(r.bucket, prev ? { bucket: r.bucket, settled: prev.settled + r.settled, wrong: prev.wrong + r.wrong, confidenceSum: prev.confidenceSum + r.confidenceSum } : r);
  }
  let settled = 0;
  let wrong = 0;
  let gapSum = 0;
  const out: QualityCalibrationBucket[] = [];
  for (let b = 0; b < buckets; b++) {
    const r = byBucket.get(b);
    const { low, high } = reviewBucketRange(b, buckets);
    if (!r || r.settled === 0) {
      out.push({ low, high, settled: 0, wrong: 0, accuracy: null, meanConfidence: null });
      continue;
    }
    const accuracy = 1 - r.wrong / r.settled;
    const meanConfidence = r.confidenceSum / r.settled;
    settled += r.settled;
    wrong += r.wrong;
    gapSum += r.settled * Math.abs(accuracy - meanConfidence);
    out.push({ low, high, settled: r.settled, wrong: r.wrong, accuracy, meanConfidence });
  }
  return { buckets: out, settled, wrong, accuracy: settled > 0 ? 1 - wrong / settled : null, ece: settled > 0 ? gapSum / settled : null };
}
