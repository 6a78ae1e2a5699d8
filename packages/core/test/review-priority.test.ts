import {
  REVIEW_ERROR_PRIOR_WEIGHT,
  reviewAgreementFigures,
  reviewConfidenceBucket,
  reviewCrowdLeader,
  reviewModelConfidence,
  reviewModelErrorRate,
  reviewPriority,
  reviewSumCounts,
} from '../src';

const LABELS = ['match', 'no_match'];
const none = new Map<number, { settled: number; wrong: number }>();

describe('reviewConfidenceBucket', () => {
  test.each([
    [0, 0],
    [0.5, 5],
    [0.59, 5],
    [0.6, 6],
    [0.999, 9],
    [1, 9],
    [1.2, 9],
    [-0.1, 0],
  ])('%p → bucket %p', (c, b) => expect(reviewConfidenceBucket(c)).toBe(b));
  test('a confidence read back from a float4 column stays in its bucket', () => {
    expect(reviewConfidenceBucket(1 - Math.fround(0.3))).toBe(7);
    expect(reviewConfidenceBucket(Math.fround(0.6))).toBe(6);
    expect(reviewConfidenceBucket(0.6999)).toBe(6);
  });
  test('rejects NaN', () => expect(() => reviewConfidenceBucket(Number.NaN)).toThrow(RangeError));
});

describe('reviewModelErrorRate', () => {
  test('with nothing settled it is the calibrated prior, 1 − mid confidence', () => {
    expect(reviewModelErrorRate({ settled: 0, wrong: 0 }, 5)).toBeCloseTo(0.45);
    expect(reviewModelErrorRate({ settled: 0, wrong: 0 }, 9)).toBeCloseTo(0.05);
  });
  test('moves toward what settled items show, half-way at the prior weight', () => {
    const w = REVIEW_ERROR_PRIOR_WEIGHT;
    expect(reviewModelErrorRate({ settled: w, wrong: w }, 9)).toBeCloseTo((1 + 0.05) / 2);
    expect(reviewModelErrorRate({ settled: 1000, wrong: 0 }, 5)).toBeLessThan(0.005);
  });
  test('rejects impossible records', () => {
    expect(() => reviewModelErrorRate({ settled: 1, wrong: 2 }, 5)).toThrow(RangeError);
  });
});

describe('reviewPriority', () => {
  test('a 50/50 crowd outranks a 60/40 crowd at the same model confidence', () => {
    const even = reviewPriority({ posterior: { match: 0.5, no_match: 0.5 }, labels: LABELS, modelConfidence: 0.55, buckets: none });
    const lean = reviewPriority({ posterior: { match: 0.6, no_match: 0.4 }, labels: LABELS, modelConfidence: 0.55, buckets: none });
    expect(even.entropy).toBeCloseTo(1);
    expect(even.score).toBeGreaterThan(lean.score);
    expect(even).toMatchObject({ basis: 'prior', settledInBucket: 0, bucket: { low: 0.5, high: 0.6 } });
  });

  test('at equal disagreement, the bucket where the model errs more comes first', () => {
    const buckets = new Map([
      [6, { settled: 40, wrong: 30 }],
      [9, { settled: 40, wrong: 0 }],
    ]);
    const often = reviewPriority({ posterior: { match: 0.6, no_match: 0.4 }, labels: LABELS, modelConfidence: 0.65, buckets });
    const rarely = reviewPriority({ posterior: { match: 0.6, no_match: 0.4 }, labels: LABELS, modelConfidence: 0.95, buckets });
    expect(often.modelErrorRate).toBeGreaterThan(0.6);
    expect(rarely.modelErrorRate).toBeLessThan(0.05);
    expect(often.score).toBeGreaterThan(rarely.score);
    expect(often).toMatchObject({ basis: 'observed', settledInBucket: 40, wrongInBucket: 30 });
  });

  test('few settled items blend with the prior; a missing posterior counts as full disagreement', () => {
    const p = reviewPriority({ posterior: {}, labels: LABELS, modelConfidence: 0.7, buckets: new Map([[7, { settled: 3, wrong: 3 }]]) });
    expect(p.entropy).toBe(1);
    expect(p.basis).toBe('blend');
    expect(p.score).toBeCloseTo((3 + 10 * 0.25) / 13);
  });
});

describe('reviewCrowdLeader and agreement figures', () => {
  test('the unique top label leads; a tie has no leader', () => {
    expect(reviewCrowdLeader({ match: 0.6, no_match: 0.4 }, LABELS)).toBe('match');
    expect(reviewCrowdLeader({ match: 0.5, no_match: 0.5 }, LABELS)).toBeNull();
    expect(reviewCrowdLeader({ a: 0.4, b: 0.4, c: 0.2 }, ['a', 'b', 'c'])).toBeNull();
    expect(reviewCrowdLeader({}, LABELS)).toBeNull();
    expect(reviewCrowdLeader({ match: 0.1 + 0.2, no_match: 0.3 }, LABELS)).toBeNull();
  });

  test('share = agreed / comparable, null when nothing is comparable; sums add up', () => {
    const a = { decisions: 5, ambiguous: 1, invalid: 1, comparable: 2, agreed: 1 };
    const b = { decisions: 2, ambiguous: 0, invalid: 0, comparable: 2, agreed: 2 };
    expect(reviewAgreementFigures(a).share).toBe(0.5);
    expect(reviewAgreementFigures({ ...a, comparable: 0, agreed: 0 }).share).toBeNull();
    expect(reviewAgreementFigures(reviewSumCounts([a, b]))).toEqual({ decisions: 7, ambiguous: 1, invalid: 1, comparable: 4, agreed: 3, share: 0.75 });
  });

  test('model confidence is the top probability', () => {
    expect(reviewModelConfidence({ match: 0.3, no_match: 0.7 })).toBe(0.7);
    expect(reviewModelConfidence({})).toBe(0);
  });
});
