import { qualityCalibration, qualityCost, qualityExpertMinutes, qualityHistogram, qualityPerHour, qualityShare } from '../src';

describe('calibration', () => {
  it('gives per-bucket accuracy and mean confidence, the overall accuracy and the ECE', () => {
    const c = qualityCalibration([
      // 0.6–0.7: 10 items at mean confidence 0.65, 3 wrong → accuracy 0.7, gap 0.05.
      { bucket: 6, settled: 10, wrong: 3, confidenceSum: 6.5 },
      // 0.9–1.0: 30 items at 0.95, 9 wrong → accuracy 0.7, gap 0.25 (over-confident).
      { bucket: 9, settled: 30, wrong: 9, confidenceSum: 28.5 },
    ]);
    expect(c.buckets).toHaveLength(10);
    expect(c.buckets[0]).toEqual({ low: 0, high: 0.1, settled: 0, wrong: 0, accuracy: null, meanConfidence: null });
    expect(c.buckets[6]).toEqual({ low: 0.6, high: 0.7, settled: 10, wrong: 3, accuracy: expect.closeTo(0.7, 12), meanConfidence: expect.closeTo(0.65, 12) });
    expect(c.buckets[9]!.accuracy).toBeCloseTo(0.7, 12);
    expect(c.settled).toBe(40);
    expect(c.wrong).toBe(12);
    expect(c.accuracy).toBeCloseTo(0.7, 12);
    // (10 · 0.05 + 30 · 0.25) / 40
    expect(c.ece).toBeCloseTo(0.2, 12);
  });

  it('is 0 ECE for a calibrated model and null figures with nothing settled', () => {
    expect(qualityCalibration([{ bucket: 8, settled: 100, wrong: 15, confidenceSum: 85 }]).ece).toBeCloseTo(0, 12);
    expect(qualityCalibration([])).toMatchObject({ settled: 0, wrong: 0, accuracy: null, ece: null });
  });

  it('merges repeated buckets and refuses impossible records', () => {
    const c = qualityCalibration([
      { bucket: 5, settled: 1, wrong: 1, confidenceSum: 0.55 },
      { bucket: 5, settled: 1, wrong: 0, confidenceSum: 0.57 },
    ]);
    expect(c.buckets[5]).toMatchObject({ settled: 2, wrong: 1, accuracy: 0.5, meanConfidence: expect.closeTo(0.56, 12) });
    expect(() => qualityCalibration([{ bucket: 10, settled: 1, wrong: 0, confidenceSum: 1 }])).toThrow(RangeError);
    expect(() => qualityCalibration([{ bucket: 1, settled: 1, wrong: 2, confidenceSum: 0.1 }])).toThrow(RangeError);
  });
});

describe('figures', () => {
  it('shares are null with nothing to divide by', () => {
    expect(qualityShare(1, 4)).toBe(0.25);
    expect(qualityShare(0, 0)).toBeNull();
    expect(() => qualityShare(-1, 2)).toThrow(RangeError);
  });

  it('rates are per hour', () => {
    expect(qualityPerHour(48, 24)).toBe(2);
    expect(() => qualityPerHour(1, 0)).toThrow(RangeError);
  });

  it('fills a histogram over [0, 1] from sparse bins', () => {
    const h = qualityHistogram([{ bin: 0, count: 5 }, { bin: 3, count: 2 }, { bin: 3, count: 1 }], 4);
    expect(h).toEqual([
      { low: 0, high: 0.25, count: 5 },
      { low: 0.25, high: 0.5, count: 0 },
      { low: 0.5, high: 0.75, count: 0 },
      { low: 0.75, high: 1, count: 3 },
    ]);
    expect(() => qualityHistogram([{ bin: 4, count: 1 }], 4)).toThrow(RangeError);
  });
});

describe('cost', () => {
  it('counts every label given, accepted or not, per settled item', () => {
    const c = qualityCost({ accepted: 500, rejected: 100, controls: 60, settledItems: 100, expertDecisions: 10, expertMinutes: 25 });
    expect(c.labels).toBe(660);
    expect(c.labelsPerSettledItem).toBeCloseTo(6.6, 12);
    expect(c.rejectedShare).toBeCloseTo(100 / 600, 12);
    expect(c.controlShare).toBeCloseTo(60 / 660, 12);
    expect(c.expertMinutesPerDecision).toBeCloseTo(2.5, 12);
    expect(c.expertMinutesPerSettledItem).toBeCloseTo(0.25, 12);
  });

  it('has no ratios before anything settled', () => {
    const c = qualityCost({ accepted: 0, rejected: 0, controls: 0, settledItems: 0, expertDecisions: 0, expertMinutes: null });
    expect(c).toMatchObject({ labelsPerSettledItem: null, rejectedShare: null, controlShare: null, expertMinutesPerDecision: null, expertMinutesPerSettledItem: null });
  });

  it('estimates expert minutes from the gaps between decisions', () => {
    expect(qualityExpertMinutes({ count: 4, minutesSum: 8 }, 5)).toBe(10);
    expect(qualityExpertMinutes({ count: 0, minutesSum: 0 }, 1)).toBeNull();
  });
});
