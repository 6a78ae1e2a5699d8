import { aggregateLabels, type CrowdLabelRow } from '../../src/aggregation/aggregate-labels';
import { crowdKeys, crowdKeysCompare } from '../../src/aggregation/crowd-keys';
import { rngFromSeed, rngShuffle } from '../../src/rng';
import { honest, simulateLabels, spammer } from '../fixtures/crowd-labels';

// The string-keyed wrapper the CLI and services call.

const rows = (xs: [string, string, string][]): CrowdLabelRow[] => xs.map(([item, worker, label]) => ({ item, worker, label }));

function simulatedRows(seed: string): { rows: CrowdLabelRow[]; truth: Map<string, string> } {
  const rng = rngFromSeed(seed);
  const workers = Array.from({ length: 30 }, (_, w) => (w < 21 ? honest(0.65 + 0.3 * rng()) : spammer()));
  const { crowd, truth } = simulateLabels(rng, { nItems: 400, perItem: 5, workers });
  const name = ['match', 'no_match'];
  return {
    rows: Array.from(crowd.item, (i, j) => ({ item: `pair-${i}`, worker: `w${crowd.worker[j]}`, label: name[crowd.label[j]!]! })),
    truth: new Map(Array.from(truth, (t, i) => [`pair-${i}`, name[t]!])),
  };
}

describe('crowdKeys', () => {
  it('sorts canonical integers numerically and first, everything else by code unit', () => {
    expect(crowdKeys(['b', '10', '2', 'a', '02', '2', 'B']).keys).toEqual(['2', '10', '02', 'B', 'a', 'b']);
    expect(['b', '10', '2'].sort(crowdKeysCompare)).toEqual(['2', '10', 'b']);
  });
});

describe('aggregateLabels', () => {
  it('returns one row per item and worker, for every method, with posteriors keyed by label', () => {
    const { rows: r, truth } = simulatedRows('wrapper');
    for (const method of ['majority', 'weighted', 'dawid-skene'] as const) {
      const out = aggregateLabels(r, { method });
      expect(out.labels).toEqual(['match', 'no_match']);
      expect(out.items).toHaveLength(400);
      expect(out.workers).toHaveLength(30);
      const right = out.items.filter((it) => it.label === truth.get(it.item)).length / 400;
      expect(right).toBeGreaterThan(0.8);
      for (const it of out.items.slice(0, 20)) {
        expect(it.posterior.match! + it.posterior.no_match!).toBeCloseTo(1, 12);
        expect(it.votes).toBe(5);
      }
      expect(out.workers.reduce((a, w) => a + w.labels, 0)).toBe(2000);
    }
    const ds = aggregateLabels(r);
    expect(ds.method).toBe('dawid-skene');
    expect(ds.iterations).toBeGreaterThan(1);
    // The spammers (w21–w29) come out below every honest labeller.
    const acc = new Map(ds.workers.map((w) => [w.worker, w.accuracy]));
    const spam = Math.max(...[21, 22, 23, 24, 25, 26, 27, 28, 29].map((w) => acc.get(`w${w}`)!));
    expect(spam).toBeLessThan(Math.min(...[0, 1, 2, 3, 4, 5].map((w) => acc.get(`w${w}`)!)));
  });

  it('gives the same result for the rows in any order', () => {
    const { rows: r } = simulatedRows('order');
    const shuffled = rngShuffle(rngFromSeed('shuffle'), r);
    expect(aggregateLabels(shuffled)).toEqual(aggregateLabels(r));
    expect(aggregateLabels(shuffled, { method: 'weighted' })).toEqual(aggregateLabels(r, { method: 'weighted' }));
  });

  it('breaks a tie by label order, and reports it', () => {
    const r = rows([['x', 'u', 'b'], ['x', 'v', 'a']]);
    expect(aggregateLabels(r, { method: 'majority' }).items[0]).toMatchObject({ label: 'a', tied: true, disagreement: 1, voteEntropy: 1 });
    expect(aggregateLabels(r, { method: 'majority', labels: ['b', 'a'] }).items[0]).toMatchObject({ label: 'b', tied: true });
    expect(aggregateLabels(r).items[0]).toMatchObject({ label: 'a', tied: true });
  });

  it('reports gold items with their gold label and uses gold for worker accuracy', () => {
    const r = rows([['g1', 'good', 'yes'], ['g1', 'bad', 'no'], ['g2', 'good', 'no'], ['g2', 'bad', 'yes'], ['x', 'good', 'yes'], ['x', 'bad', 'no']]);
    const gold = new Map([['g1', 'yes'], ['g2', 'no'], ['unlabelled', 'yes']]);
    for (const method of ['majority', 'weighted', 'dawid-skene'] as const) {
      const out = aggregateLabels(r, { method, gold });
      expect(out.items.map((it) => it.item)).toEqual(['g1', 'g2', 'x']);
      expect(out.items[0]).toMatchObject({ label: 'yes', posterior: { no: 0, yes: 1 }, disagreement: 0 });
      const [bad, good] = out.workers;
      expect(good!.accuracy).toBeGreaterThan(bad!.accuracy);
    }
    // Item x is 1–1 between them: Dawid–Skene and the weighted vote follow the worker gold trusts.
    // (Two gold answers barely move reliabilityEstimate's default prior of six, hence strength 1.)
    expect(aggregateLabels(r, { gold }).items[2]!.label).toBe('yes');
    expect(aggregateLabels(r, { method: 'weighted', gold, accuracyPriorStrength: 1 }).items[2]!.label).toBe('yes');
  });

  it('adds a gold-only label to the label set and keeps awkward label names as keys', () => {
    const out = aggregateLabels(rows([['i', 'w', '__proto__']]), { gold: new Map([['j', 'constructor']]) });
    expect(out.labels).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(out.items[0]!.posterior)).toEqual(['__proto__', 'constructor']);
    expect(out.items[0]!.label).toBe('__proto__');
  });

  it('handles a single label, a single class and no rows', () => {
    expect(aggregateLabels(rows([['i', 'w', 'only']])).items).toEqual([
      { item: 'i', label: 'only', tied: false, posterior: { only: 1 }, disagreement: 0, voteEntropy: 0, votes: 1 },
    ]);
    expect(aggregateLabels([])).toMatchObject({ items: [], workers: [], labels: [] });
  });

  it('rejects duplicates, unknown labels and unknown methods', () => {
    expect(() => aggregateLabels(rows([['i', 'w', 'a'], ['i', 'w', 'b']]))).toThrow("worker 'w' labelled item 'i' more than once");
    expect(() => aggregateLabels(rows([['i', 'w', 'c']]), { labels: ['a', 'b'] })).toThrow(/'c'/);
    expect(() => aggregateLabels(rows([['i', 'w', 'a']]), { labels: ['a', 'a'] })).toThrow(/repeat/);
    expect(() => aggregateLabels(rows([['i', 'w', 'a']]), { labels: ['a'], gold: new Map([['i', 'z']]) })).toThrow(/gold label 'z'/);
    expect(() => aggregateLabels([], { method: 'median' as never })).toThrow(/method/);
  });
});
