import { planBatchGoldCount, planBatchOrder } from '../src/assignment/plan-batch';
import { rngFromSeed } from '../src/rng';

const gold = (batchSize: number, goldRatio: number, regularAvailable = 100, goldAvailable = 100) =>
  planBatchGoldCount({ batchSize, goldRatio, regularAvailable, goldAvailable });

describe('planBatchGoldCount', () => {
  it('is round(batchSize × goldRatio)', () => {
    expect(gold(10, 0.1)).toBe(1);
    expect(gold(20, 0.1)).toBe(2);
    expect(gold(10, 0.25)).toBe(3); // 2.5 rounds half up
    expect(gold(100, 0.5)).toBe(50);
  });

  it('rounds halves up despite floating point (0.35 × 10 = 3.4999…)', () => {
    expect(gold(10, 0.35)).toBe(4);
  });

  it('puts at least one gold item in a batch of two or more when goldRatio > 0', () => {
    expect(gold(2, 0.1)).toBe(1);
    expect(gold(4, 0.05)).toBe(1);
  });

  it('is 0 when goldRatio is 0', () => {
    expect(gold(10, 0)).toBe(0);
  });

  it('never exceeds the gold available', () => {
    expect(gold(20, 0.5, 100, 3)).toBe(3);
    expect(gold(10, 0.1, 100, 0)).toBe(0);
  });

  it('is 0 when no regular items are available (a gold-only batch exposes the gold)', () => {
    expect(gold(10, 0.5, 0, 100)).toBe(0);
  });

  it('always leaves a regular slot, so a batch of one has no gold', () => {
    expect(gold(1, 0.5)).toBe(0);
    expect(gold(3, 0.5)).toBe(2);
  });

  it('rejects bad arguments', () => {
    expect(() => gold(-1, 0.1)).toThrow(RangeError);
    expect(() => gold(2.5, 0.1)).toThrow(RangeError);
    expect(() => gold(10, 1.5)).toThrow(RangeError);
    expect(() => gold(10, Number.NaN)).toThrow(RangeError);
    expect(() => gold(10, 0.1, -1)).toThrow(RangeError);
  });
});

describe('planBatchOrder', () => {
  const regular = ['r1', 'r2', 'r3', 'r4', 'r5'];

  it('contains every entry once, flagged, with both lists in their own order', () => {
    const out = planBatchOrder(rngFromSeed(7), regular, ['g1', 'g2']);
    expect(out).toHaveLength(7);
    expect(out.filter((e) => !e.gold).map((e) => e.entry)).toEqual(regular);
    expect(out.filter((e) => e.gold).map((e) => e.entry)).toEqual(['g1', 'g2']);
  });

  it('is deterministic for a seed and varies with it', () => {
    const order = (seed: number) => planBatchOrder(rngFromSeed(seed), regular, ['g']).map((e) => e.entry).join(',');
    expect(order(3)).toBe(order(3));
    const seen = new Set(Array.from({ length: 30 }, (_, s) => order(s)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('handles no gold, no regular, and nothing at all', () => {
    expect(planBatchOrder(rngFromSeed(1), ['a', 'b'], [])).toEqual([
      { entry: 'a', gold: false },
      { entry: 'b', gold: false },
    ]);
    expect(planBatchOrder(rngFromSeed(1), [], ['g'])).toEqual([{ entry: 'g', gold: true }]);
    expect(planBatchOrder(rngFromSeed(1), [], [])).toEqual([]);
  });

  it('allows undefined as an entry value', () => {
    const out = planBatchOrder(rngFromSeed(1), [undefined, undefined], [undefined]);
    expect(out.filter((e) => e.gold)).toHaveLength(1);
    expect(out).toHaveLength(3);
  });

  it('puts a gold item at each position about equally often', () => {
    const rng = rngFromSeed('positions');
    const counts = [0, 0, 0, 0, 0];
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const pos = planBatchOrder(rng, ['a', 'b', 'c', 'd'], ['g']).findIndex((e) => e.gold);
      counts[pos] = (counts[pos] ?? 0) + 1;
    }
    // Expected 2000 each, sd = 40; always-last or always-first placement would fail by far.
    for (const c of counts) {
      expect(Math.abs(c - 2000)).toBeLessThan(200);
    }
  });

  it('makes every pair of gold positions equally likely (2 gold among 4 slots)', () => {
    const rng = rngFromSeed(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = planBatchOrder(rng, ['a', 'b'], ['g', 'h'])
        .map((e) => (e.gold ? 'G' : 'r'))
        .join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) {
      expect(Math.abs(c - 1000)).toBeLessThan(150);
    }
  });
});
