import { aggregationModelDefault, aggregationModelFromFit, aggregationUniformConfusion, type AggregationModel } from '../../src/aggregation/aggregation-model';
import { crowdIndex } from '../../src/aggregation/crowd-labels';
import { dawidSkene } from '../../src/aggregation/dawid-skene';
import { aggregationPosterior, aggregationSummary, type AggregationVote } from '../../src/aggregation/item-posterior';
import { itemSummaries } from '../../src/aggregation/item-summary';
import { dawidSkenePosteriorsFromModel, modelEscalations, modelPosteriors } from '../../src/aggregation/model-posteriors';
import { entropyNormalised } from '../../src/entropy';
import { rngFromSeed } from '../../src/rng';
import { flipper, honest, simulateLabels, spammer } from '../fixtures/crowd-labels';

// One item's posterior from a fitted model (the aggregate job) and many items' (re-aggregation)
// must say the same; before any fit, the default model must behave like the old vote rule.

const LABELS = ['match', 'no_match'];
const votes = (...vs: [string, string][]): AggregationVote[] => vs.map(([labeller, label]) => ({ labeller, label }));
const split = (m: number, n: number) => votes(...Array.from({ length: m + n }, (_, i): [string, string] => [`u${i}`, i < m ? 'match' : 'no_match']));

describe('aggregationPosterior before any fit (aggregationModelDefault)', () => {
  const model = aggregationModelDefault(LABELS);

  it('settles 5–0, 4–1 and 2–0 and escalates 3–2 and ties at the default 0.9', () => {
    const at = (m: number, n: number) => aggregationPosterior('dawid-skene', model, split(m, n))[0]!;
    expect(at(5, 0)).toBeCloseTo(1024 / 1025, 12);
    expect(at(4, 1)).toBeCloseTo(64 / 65, 12);
    expect(at(3, 2)).toBeCloseTo(0.8, 12);
    expect(at(2, 0)).toBeCloseTo(16 / 17, 12);
    const outcome = (m: number, n: number) => aggregationSummary(LABELS, aggregationPosterior('dawid-skene', model, split(m, n)), [m, n], 0.9).outcome;
    expect([outcome(5, 0), outcome(4, 1), outcome(2, 0), outcome(3, 2), outcome(1, 1)]).toEqual(['settled', 'settled', 'settled', 'escalated', 'escalated']);
  });

  it('gives a tie no winner, full disagreement, and the vote figures beside it', () => {
    const s = aggregationSummary(LABELS, aggregationPosterior('dawid-skene', model, split(1, 1)), [1, 1], 0.5);
    expect(s).toEqual({ winner: null, tied: true, disagreement: 1, voteEntropy: 1, agreement: 0.5, outcome: 'escalated' });
    const four = aggregationSummary(LABELS, aggregationPosterior('dawid-skene', model, split(4, 1)), [4, 1], 0.9);
    expect(four.winner).toBe('match');
    expect(four.agreement).toBe(0.8);
    expect(four.voteEntropy).toBeCloseTo(entropyNormalised([4, 1]), 12);
    expect(four.disagreement).toBeCloseTo(entropyNormalised([64, 1]), 12);
    expect(four.disagreement).toBeLessThan(four.voteEntropy);
  });

  it('majority gives vote shares, weighted equal weights', () => {
    expect(aggregationPosterior('majority', model, split(3, 2))).toEqual([0.6, 0.4]);
    expect(aggregationPosterior('weighted', model, split(3, 2))[0]).toBeCloseTo(0.8, 12);
  });

  it('rejects a vote outside the label set and an item without votes', () => {
    expect(() => aggregationPosterior('dawid-skene', model, votes(['a', 'maybe']))).toThrow(RangeError);
    expect(() => aggregationPosterior('dawid-skene', model, [])).toThrow(RangeError);
  });
});

describe('aggregationPosterior with a fitted model', () => {
  // Three labellers the model has learned to be adversarial outvote two good ones under a vote,
  // not under the model; a newcomer is treated as the crowd's pooled confusion.
  const model: AggregationModel = {
    labels: LABELS,
    classPrior: [0.5, 0.5],
    pooledConfusion: aggregationUniformConfusion(0.7, 2),
    labellers: new Map([
      ['good1', { confusion: aggregationUniformConfusion(0.95, 2), accuracy: 0.95 }],
      ['good2', { confusion: aggregationUniformConfusion(0.95, 2), accuracy: 0.95 }],
      ...['bad1', 'bad2', 'bad3'].map((id) => [id, { confusion: aggregationUniformConfusion(0.5, 2), accuracy: 0.5 }] as const),
    ]),
  };
  const item = votes(['good1', 'match'], ['good2', 'match'], ['bad1', 'no_match'], ['bad2', 'no_match'], ['bad3', 'no_match']);

  it('lets reliable labellers outweigh random ones that a vote would follow', () => {
    expect(aggregationPosterior('majority', model, item)[1]).toBeCloseTo(0.6, 12);
    const ds = aggregationPosterior('dawid-skene', model, item);
    expect(ds[0]).toBeCloseTo(0.95 ** 2 / (0.95 ** 2 + 0.05 ** 2), 12);
    expect(aggregationPosterior('weighted', model, item)[0]).toBeGreaterThan(0.99);
  });

  it("uses the pooled confusion for a labeller the model has not seen", () => {
    const withNewcomer = aggregationPosterior('dawid-skene', model, votes(['good1', 'match'], ['newcomer', 'no_match']));
    expect(withNewcomer[0]).toBeCloseTo((0.95 * 0.3) / (0.95 * 0.3 + 0.05 * 0.7), 12);
  });
});

describe('the bulk path agrees with the per-item path', () => {
  it('dawidSkenePosteriorsFromModel = aggregationPosterior item by item under the fitted model', () => {
    const workers = [...Array.from({ length: 12 }, (_, w) => honest(0.65 + 0.025 * w)), spammer(), flipper(0.8)];
    const { crowd } = simulateLabels(rngFromSeed('bulk'), { nItems: 300, perItem: 5, workers });
    const index = crowdIndex(crowd);
    const fit = dawidSkene(index);
    const ids = workers.map((_, w) => `w${w}`);
    const model = aggregationModelFromFit(LABELS, ids, new Int32Array(workers.length).fill(1), fit);
    const bulk = dawidSkenePosteriorsFromModel(index, fit);
    for (let i = 0; i < 300; i++) {
      const itemVotes = [];
      for (let p = index.itemStart[i]!; p < index.itemStart[i + 1]!; p++) itemVotes.push({ labeller: ids[index.worker[p]!]!, label: LABELS[index.label[p]!]! });
      const one = aggregationPosterior('dawid-skene', model, itemVotes);
      expect(one[0]).toBeCloseTo(bulk[2 * i]!, 10);
      // The fit's own posteriors are one E-step from the model's: equal to within its tolerance.
      expect(Math.abs(fit.posteriors[2 * i]! - bulk[2 * i]!)).toBeLessThan(1e-3);
    }
    expect(modelPosteriors('majority', index, fit)[0]).toBe(crowd.label.slice(0, 5).filter((l) => l === 0).length / 5);
  });

  it('modelEscalations escalates ties and winners below the threshold', () => {
    const index = crowdIndex({ item: Int32Array.from([0, 0, 1, 1, 2]), worker: Int32Array.from([0, 1, 0, 1, 0]), label: Int32Array.from([0, 1, 0, 0, 0]), nItems: 3, nWorkers: 2, nClasses: 2 });
    const post = Float64Array.from([0.5, 0.5, 0.95, 0.05, 0.85, 0.15]);
    expect(Array.from(modelEscalations(itemSummaries(index, post), post, 2, 0.9))).toEqual([1, 0, 1]);
  });

  it('aggregationModelFromFit leaves out workers without labels and keeps [true][answered] rows', () => {
    const fit = { classPrior: Float64Array.from([0.6, 0.4]), pooledConfusion: Float64Array.from([0.8, 0.2, 0.3, 0.7]), confusions: Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.5, 0.5]), workerAccuracy: Float64Array.from([0.86, 0.5]) };
    const m = aggregationModelFromFit(LABELS, ['a', 'b'], Int32Array.from([7, 0]), fit);
    expect(m.pooledConfusion).toEqual([[0.8, 0.2], [0.3, 0.7]]);
    expect([...m.labellers]).toEqual([['a', { confusion: [[0.9, 0.1], [0.2, 0.8]], accuracy: 0.86 }]]);
    expect([...m.labelCounts]).toEqual([['a', 7]]);
  });
});
