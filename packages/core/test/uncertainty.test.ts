import { uncertaintyEntropy, uncertaintyLeastConfidence, uncertaintyMargin } from '../src/sampling/uncertainty';

describe('uncertaintyLeastConfidence', () => {
  it('is 1 − max p', () => {
    expect(uncertaintyLeastConfidence({ match: 0.9, no_match: 0.1 })).toBeCloseTo(0.1, 12);
    expect(uncertaintyLeastConfidence({ a: 0.5, b: 0.3, c: 0.2 })).toBeCloseTo(0.5, 12);
    expect(uncertaintyLeastConfidence({ a: 1, b: 0 })).toBe(0);
  });
});

describe('uncertaintyMargin', () => {
  it('is 1 − (p1 − p2) over the top two', () => {
    expect(uncertaintyMargin({ match: 0.9, no_match: 0.1 })).toBeCloseTo(0.2, 12);
    // Top two are 0.5 and 0.3 whatever the key order.
    expect(uncertaintyMargin({ c: 0.2, a: 0.5, b: 0.3 })).toBeCloseTo(0.8, 12);
    expect(uncertaintyMargin({ a: 0.5, b: 0.5 })).toBe(1);
    expect(uncertaintyMargin({ a: 1, b: 0 })).toBe(0);
  });

  it('treats a single label as certain (p2 = 0)', () => {
    expect(uncertaintyMargin({ a: 1 })).toBe(0);
  });
});

describe('uncertaintyEntropy', () => {
  it('is 1 for uniform, 0 for certain, whatever k', () => {
    expect(uncertaintyEntropy({ a: 0.5, b: 0.5 })).toBeCloseTo(1, 12);
    expect(uncertaintyEntropy({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 })).toBeCloseTo(1, 12);
    expect(uncertaintyEntropy({ a: 1, b: 0, c: 0 })).toBe(0);
  });

  it('matches H(p)/log k for a known case', () => {
    // H(0.9, 0.1) = 0.468996 bits, and log2(2) = 1.
    expect(uncertaintyEntropy({ a: 0.9, b: 0.1 })).toBeCloseTo(0.4689955935892812, 10);
    // H(0.5, 0.25, 0.25) = 1.5 bits; log2(3) = 1.5849625.
    expect(uncertaintyEntropy({ a: 0.5, b: 0.25, c: 0.25 })).toBeCloseTo(1.5 / Math.log2(3), 10);
  });

  it('ranks samples the same way as the other measures in the two-label case', () => {
    const unsure = { a: 0.55, b: 0.45 };
    const sure = { a: 0.95, b: 0.05 };
    expect(uncertaintyEntropy(unsure)).toBeGreaterThan(uncertaintyEntropy(sure));
    expect(uncertaintyMargin(unsure)).toBeGreaterThan(uncertaintyMargin(sure));
    expect(uncertaintyLeastConfidence(unsure)).toBeGreaterThan(uncertaintyLeastConfidence(sure));
  });
});

describe('uncertainty input checks', () => {
  it('rejects empty and out-of-range probabilities', () => {
    for (const f of [uncertaintyLeastConfidence, uncertaintyMargin, uncertaintyEntropy]) {
      expect(() => f({})).toThrow(RangeError);
      expect(() => f({ a: 1.2, b: -0.2 })).toThrow(RangeError);
      expect(() => f({ a: Number.NaN })).toThrow(RangeError);
    }
  });
});
