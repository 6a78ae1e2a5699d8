import { reliabilityConfusion, reliabilityEstimate } from '../src/reliability/estimate-accuracy';
import { rngFromSeed } from '../src/rng';

const est = (goldCorrect: number, goldTotal: number, peerAgree = 0, peerTotal = 0, crowdAccuracy = 0.8) =>
  reliabilityEstimate({ goldCorrect, goldTotal, peerAgree, peerTotal, crowdAccuracy });

describe('reliabilityEstimate', () => {
  it('is the crowd accuracy with no data, with a wide interval', () => {
    const r = est(0, 0);
    expect(r.accuracy).toBeCloseTo(0.8, 12);
    expect(r.n).toBe(0);
    expect(r.high - r.low).toBeGreaterThan(0.3);
  });

  it('is the Beta–binomial posterior mean with 6 pseudo-answers at the crowd rate', () => {
    expect(est(30, 30).accuracy).toBeCloseTo((0.8 * 6 + 30) / 36, 12);
    expect(est(1, 3).accuracy).toBeCloseTo((4.8 + 1) / 9, 12);
    expect(reliabilityEstimate({ goldCorrect: 1, goldTotal: 3, peerAgree: 0, peerTotal: 0, crowdAccuracy: 0.8, priorStrength: 0 }).accuracy).toBeCloseTo(1 / 3, 12);
  });

  it('counts peer agreement with weight 0.5, and n counts every answer', () => {
    const r = est(0, 0, 10, 10);
    expect(r.accuracy).toBeCloseTo((4.8 + 5) / 11, 12);
    expect(r.n).toBe(10);
    expect(est(2, 4, 6.5, 8).n).toBe(12);
  });

  it('shrinks thin data toward the crowd and lets thick data speak', () => {
    expect(Math.abs(est(3, 3).accuracy - 0.8)).toBeLessThan(Math.abs(est(300, 300).accuracy - 0.8));
    expect(est(150, 300).accuracy).toBeCloseTo(0.5, 1);
  });

  it('gives a 90 % interval that contains the mean, stays in [0, 1] and narrows with data', () => {
    for (const [c, t] of [[0, 0], [0, 10], [10, 10], [50, 100], [400, 400]] as const) {
      const r = est(c, t);
      expect(r.low).toBeGreaterThanOrEqual(0);
      expect(r.high).toBeLessThanOrEqual(1);
      expect(r.low).toBeLessThanOrEqual(r.accuracy);
      expect(r.high).toBeGreaterThanOrEqual(r.accuracy);
    }
    expect(est(80, 100).high - est(80, 100).low).toBeLessThan(est(8, 10).high - est(8, 10).low);
  });

  it('covers the true accuracy of simulated labellers about 90 % of the time', () => {
    const rng = rngFromSeed('coverage');
    let covered = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const truth = 0.7 + 0.27 * rng();
      let correct = 0;
      for (let g = 0; g < 40; g++) if (rng() < truth) correct++;
      const r = reliabilityEstimate({ goldCorrect: correct, goldTotal: 40, peerAgree: 0, peerTotal: 0, crowdAccuracy: 0.835 });
      if (r.low <= truth && truth <= r.high) covered++;
    }
    expect(covered / n).toBeGreaterThan(0.85);
    expect(covered / n).toBeLessThan(0.97);
  });

  it('rejects impossible counts', () => {
    expect(() => est(4, 3)).toThrow(RangeError);
    expect(() => est(0, 0, 5, 4)).toThrow(RangeError);
    expect(() => est(-1, 3)).toThrow(RangeError);
    expect(() => est(0, 0, 0, 0, 1.5)).toThrow(RangeError);
  });
});

describe('reliabilityConfusion', () => {
  const pooled = [
    [80, 20],
    [10, 90],
  ];

  it('gives rows that sum to 1, shrunk toward the pooled rows by 4 pseudo-counts', () => {
    const m = reliabilityConfusion(
      [
        [4, 0],
        [1, 1],
      ],
      pooled,
    );
    expect(m[0]![0]).toBeCloseTo((4 + 4 * 0.8) / 8, 12);
    expect(m[1]![1]).toBeCloseTo((1 + 4 * 0.9) / 6, 12);
    for (const row of m) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('gives an unseen class the pooled row, and a flat row when nobody saw it', () => {
    const m = reliabilityConfusion(
      [
        [0, 0],
        [5, 5],
      ],
      [
        [0, 0],
        [10, 90],
      ],
    );
    expect(m[0]).toEqual([0.5, 0.5]);
    expect(reliabilityConfusion([[0, 0], [0, 0]], pooled)[1]![1]).toBeCloseTo(0.9, 12);
  });

  it('recovers a simulated 3-class confusion matrix from plenty of answers', () => {
    const rng = rngFromSeed('confusion');
    const truth = [
      [0.9, 0.08, 0.02],
      [0.2, 0.7, 0.1],
      [0.05, 0.15, 0.8],
    ];
    const counts = truth.map(() => [0, 0, 0]);
    for (let i = 0; i < 3000; i++) {
      const t = i % 3;
      const u = rng();
      const row = truth[t]!;
      const a = u < row[0]! ? 0 : u < row[0]! + row[1]! ? 1 : 2;
      counts[t]![a]!++;
    }
    const m = reliabilityConfusion(counts, [[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    m.forEach((row, t) => row.forEach((v, a) => expect(Math.abs(v - truth[t]![a]!)).toBeLessThan(0.04)));
  });

  it('rejects shapes that do not match', () => {
    expect(() => reliabilityConfusion([[1, 2]], pooled)).toThrow(RangeError);
    expect(() => reliabilityConfusion([], [])).toThrow(RangeError);
    expect(() => reliabilityConfusion([[1, -1], [0, 0]], pooled)).toThrow(RangeError);
  });
});
