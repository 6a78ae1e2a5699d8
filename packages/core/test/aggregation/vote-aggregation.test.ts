import { crowdDuplicate, crowdIndex, crowdVoteCounts, type CrowdLabels } from '../../src/aggregation/crowd-labels';
import { itemSummaries } from '../../src/aggregation/item-summary';
import { majorityVotePosteriors, weightedVotePosteriors, weightedVoteWeight } from '../../src/aggregation/weighted-vote';
import { workerAccuracyFromVotes } from '../../src/aggregation/worker-accuracy';
import { entropyNormalised } from '../../src/entropy';
import { reliabilityEstimate } from '../../src/reliability/estimate-accuracy';

// The typed-array building blocks: the index, vote posteriors, worker accuracy, item summaries.

const crowd = (rows: [number, number, number][], nItems: number, nWorkers: number, nClasses = 2): CrowdLabels => ({
  item: Int32Array.from(rows, (r) => r[0]),
  worker: Int32Array.from(rows, (r) => r[1]),
  label: Int32Array.from(rows, (r) => r[2]),
  nItems,
  nWorkers,
  nClasses,
});

describe('crowdIndex', () => {
  it('groups labels by item, ordered by worker then class, whatever the input order', () => {
    const idx = crowdIndex(crowd([[1, 2, 0], [0, 1, 1], [1, 0, 1], [0, 0, 0], [1, 1, 1]], 3, 3));
    expect(Array.from(idx.itemStart)).toEqual([0, 2, 5, 5]);
    expect(Array.from(idx.worker)).toEqual([0, 1, 0, 1, 2]);
    expect(Array.from(idx.label)).toEqual([0, 1, 1, 1, 0]);
    // cell = (worker·K + class)·K
    expect(Array.from(idx.cell)).toEqual([0, 6, 2, 6, 8]);
    expect(crowdDuplicate(idx)).toBe(-1);
    expect(Array.from(crowdVoteCounts(idx))).toEqual([1, 1, 1, 2, 0, 0]);
  });

  it('sorts an item with many labels and finds a repeated (item, worker) pair', () => {
    const rows: [number, number, number][] = Array.from({ length: 200 }, (_, k) => [0, 199 - k, k % 2]);
    const idx = crowdIndex(crowd(rows, 1, 200));
    expect(Array.from(idx.worker)).toEqual(Array.from({ length: 200 }, (_, k) => k));
    expect(crowdDuplicate(crowdIndex(crowd([[0, 1, 0], [0, 0, 1], [0, 1, 1]], 1, 2)))).toBe(2);
  });
});

describe('weighted vote', () => {
  it('weighs a vote by the one-coin log odds, clamped to [1/K, 0.99]', () => {
    expect(weightedVoteWeight(0.9, 2)).toBeCloseTo(Math.log(9), 12);
    expect(weightedVoteWeight(0.6, 3)).toBeCloseTo(Math.log(2) + Math.log(1.5), 12);
    expect(weightedVoteWeight(0.3, 3)).toBe(0);
    expect(weightedVoteWeight(0.1, 2)).toBe(0);
    expect(weightedVoteWeight(1, 2)).toBeCloseTo(Math.log(99), 12);
    expect(() => weightedVoteWeight(Number.NaN, 2)).toThrow(RangeError);
  });

  it('lets one expert outvote two coin-tossers, where majority vote follows the count', () => {
    const c = crowdIndex(crowd([[0, 0, 0], [0, 1, 1], [0, 2, 1]], 2, 3));
    const weighted = weightedVotePosteriors(c, Float64Array.of(0.95, 0.55, 0.55));
    expect(weighted[0]).toBeGreaterThan(0.8);
    expect(Array.from(majorityVotePosteriors(c))).toEqual([1 / 3, 2 / 3, 0.5, 0.5]);
    // The unlabelled item is uniform under both.
    expect(Array.from(weighted.slice(2))).toEqual([0.5, 0.5]);
    expect(() => weightedVotePosteriors(c, Float64Array.of(0.9))).toThrow(/one entry per worker/);
  });
});

describe('workerAccuracyFromVotes', () => {
  it('uses gold where a worker answered gold, else leave-one-out agreement, both shrunk', () => {
    // Items 0–2 are gold (class 0). Worker 0 gets all three right; worker 1 never sees gold and,
    // on items 3–5, agrees with the other two votes twice and is alone once.
    const c = crowdIndex(
      crowd([[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 1, 1], [3, 2, 1], [3, 3, 1], [4, 1, 0], [4, 2, 0], [4, 3, 0], [5, 1, 1], [5, 2, 0], [5, 3, 0]], 6, 4),
    );
    const gold = Int32Array.of(0, 0, 0, -1, -1, -1);
    const { accuracy, goldTotal } = workerAccuracyFromVotes(c, { gold, priorStrength: 6 });
    expect(Array.from(goldTotal)).toEqual([3, 0, 0, 0]);
    // The crowd's rate: (3 gold right + 7 of 9 peer agreements) / (3 + 9).
    const crowdAccuracy = (3 + 7) / 12;
    expect(accuracy[0]).toBeCloseTo(reliabilityEstimate({ goldCorrect: 3, goldTotal: 3, peerAgree: 0, peerTotal: 0, crowdAccuracy, priorStrength: 6 }).accuracy, 12);
    expect(accuracy[1]).toBeCloseTo(reliabilityEstimate({ goldCorrect: 0, goldTotal: 0, peerAgree: 2, peerTotal: 3, crowdAccuracy, priorStrength: 6 }).accuracy, 12);
    expect(accuracy[0]).toBeGreaterThan(accuracy[1]!);
  });

  it('splits the credit when the other votes tie, and skips items with no peers', () => {
    const c = crowdIndex(crowd([[0, 0, 0], [0, 1, 0], [0, 2, 1], [1, 0, 1]], 2, 3));
    const a = workerAccuracyFromVotes(c, { priorStrength: 0 }).accuracy;
    // Worker 0 on item 0: the others split 1–1, so agreeing with one of two leaders counts 1/2.
    expect(a[0]).toBeCloseTo(0.5, 12);
    expect(a[1]).toBeCloseTo(0.5, 12);
    expect(a[2]).toBeCloseTo(0, 12);
  });
});

describe('itemSummaries', () => {
  it('reports the winner, ties by label order, and both entropies on the log K scale', () => {
    const c = crowdIndex(crowd([[0, 0, 0], [0, 1, 0], [0, 2, 1], [1, 0, 1], [1, 1, 2]], 3, 3, 3));
    const post = Float64Array.of(0.7, 0.2, 0.1, 0, 0.5, 0.5, 0.2, 0.3, 0.5);
    const s = itemSummaries(c, post);
    expect(Array.from(s.winner)).toEqual([0, 1, 2]);
    expect(Array.from(s.tied)).toEqual([0, 1, 0]);
    expect(s.disagreement[0]).toBeCloseTo(entropyNormalised([0.7, 0.2, 0.1]), 12);
    expect(s.voteEntropy[0]).toBeCloseTo(entropyNormalised([2, 1, 0]), 12);
    expect(s.voteEntropy[2]).toBe(0);
    expect(Array.from(s.votes)).toEqual([3, 2, 0]);
    expect(() => itemSummaries(c, new Float64Array(2))).toThrow(RangeError);
  });

  it('calls posteriors a few ulps apart a tie, and a single class never uncertain', () => {
    const c2 = crowdIndex(crowd([[0, 0, 0], [0, 1, 1]], 1, 2));
    expect(itemSummaries(c2, Float64Array.of(0.5 - 1e-16, 0.5 + 1e-16))).toMatchObject({ winner: Int32Array.of(0), tied: Uint8Array.of(1) });
    const c1 = crowdIndex(crowd([[0, 0, 0]], 1, 1, 1));
    expect(itemSummaries(c1, Float64Array.of(1))).toMatchObject({ disagreement: Float64Array.of(0), voteEntropy: Float64Array.of(0) });
  });
});
