import { selectionScore, uncertaintyBald, uncertaintyVariance, SELECTION_STRATEGIES } from '../src/sampling/strategies';

const p = (match: number) => ({ match, no_match: 1 - match });

describe('selection strategies on hand-made probability vectors', () => {
  it('rank a binary pool identically under least confidence, margin and entropy', () => {
    const pool = [0.5, 0.97, 0.62, 0.08, 0.45, 0.7].map(p);
    const order = (s: 'least_confidence' | 'margin' | 'entropy') =>
      pool.map((probs, i) => ({ i, u: selectionScore(s, { probs }) })).sort((a, b) => b.u - a.u).map((x) => x.i);
    expect(order('least_confidence')).toEqual([0, 4, 2, 5, 3, 1]);
    expect(order('margin')).toEqual(order('least_confidence'));
    expect(order('entropy')).toEqual(order('least_confidence'));
  });

  it('tell multi-class distributions apart where least confidence cannot', () => {
    // Same top probability; the second spreads the rest evenly, so it is the more uncertain.
    const peaked = { a: 0.5, b: 0.5, c: 0 };
    const spread = { a: 0.5, b: 0.25, c: 0.25 };
    expect(selectionScore('least_confidence', { probs: peaked })).toBeCloseTo(selectionScore('least_confidence', { probs: spread }), 12);
    expect(selectionScore('entropy', { probs: spread })).toBeGreaterThan(selectionScore('entropy', { probs: peaked }));
    // Margin sees the tie between a and b as the harder case.
    expect(selectionScore('margin', { probs: peaked })).toBe(1);
    expect(selectionScore('margin', { probs: spread })).toBeCloseTo(0.75, 12);
  });

  it('BALD is high when confident passes disagree and zero when every pass is equally unsure', () => {
    const disagree = [p(1), p(0), p(1), p(0)];
    const unsure = [p(0.5), p(0.5), p(0.5), p(0.5)];
    expect(uncertaintyBald(p(0.5), disagree)).toBeCloseTo(1, 12);
    expect(uncertaintyBald(p(0.5), unsure)).toBeCloseTo(0, 12);
    // Entropy of the mean cannot tell these two apart; BALD can.
    expect(selectionScore('entropy', { probs: p(0.5) })).toBe(1);
    const mild = [p(0.8), p(0.6), p(0.7), p(0.9)];
    const v = uncertaintyBald(p(0.75), mild);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(0.1);
  });

  it('variance is 1 for one-hot passes spread evenly, 0 for agreeing passes', () => {
    expect(uncertaintyVariance(p(0.5), [p(1), p(0)])).toBeCloseTo(1, 12);
    const three = [{ a: 1, b: 0, c: 0 }, { a: 0, b: 1, c: 0 }, { a: 0, b: 0, c: 1 }];
    expect(uncertaintyVariance({ a: 1 / 3, b: 1 / 3, c: 1 / 3 }, three)).toBeCloseTo(1, 12);
    expect(uncertaintyVariance(p(0.7), [p(0.7), p(0.7), p(0.7)])).toBeCloseTo(0, 12);
  });

  it('disagreement strategies without passes fall back to half the entropy', () => {
    expect(selectionScore('bald', { probs: p(0.5) })).toBeCloseTo(0.5, 12);
    expect(selectionScore('variance', { probs: p(0.5), passes: [p(0.5)] })).toBeCloseTo(0.5, 12);
  });

  it('every strategy stays in [0, 1] and rejects a pass missing a label', () => {
    for (const s of SELECTION_STRATEGIES) {
      const u = selectionScore(s, { probs: p(0.3), passes: [p(0.1), p(0.9), p(0.4)] });
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThanOrEqual(1);
    }
    expect(() => uncertaintyBald(p(0.5), [p(0.5), { match: 0.5 } as Record<string, number>])).toThrow(/no_match/);
  });
});
