import { dawidSkene } from '../../src/aggregation/dawid-skene';
import { crowdIndex, type CrowdLabels } from '../../src/aggregation/crowd-labels';
import { majorityVotePosteriors } from '../../src/aggregation/weighted-vote';
import { rngFromSeed, rngShuffle } from '../../src/rng';
import { accuracyOf, biased, flipper, honest, simulateLabels, spammer, type Confusion } from '../fixtures/crowd-labels';

// Dawid–Skene on simulated crowds whose truth is known: where it must beat majority vote, what gold
// and shrinkage buy, and that the answer does not depend on the order of the labels.

const crowdOf = (seed: string, workers: Confusion[], nItems = 2000, shares?: number[]) =>
  simulateLabels(rngFromSeed(seed), { nItems, perItem: 5, workers, ...(shares ? { classShares: shares } : {}) });

const mv = (c: CrowdLabels, truth: Int32Array) => accuracyOf(majorityVotePosteriors(crowdIndex(c)), truth, c.nClasses);
const ds = (c: CrowdLabels, truth: Int32Array, opts = {}) => accuracyOf(dawidSkene(c, opts).posteriors, truth, c.nClasses);

function mixed(seed: string, n: number, kinds: [number, (u: number) => Confusion][]): Confusion[] {
  const rng = rngFromSeed(seed);
  return Array.from({ length: n }, (_, w) => {
    const share = w / n;
    let acc = 0;
    for (const [s, make] of kinds) if (share < (acc += s)) return make(rng());
    return kinds[kinds.length - 1]![1](rng());
  });
}

describe('dawidSkene on simulated crowds', () => {
  it('beats majority vote when 30% of the crowd answers at random', () => {
    const workers = mixed('spam', 60, [[0.7, (u) => honest(0.65 + 0.25 * u)], [0.3, () => spammer()]]);
    const { crowd, truth } = crowdOf('spam', workers);
    const fit = dawidSkene(crowd);
    expect(fit.converged).toBe(true);
    expect(accuracyOf(fit.posteriors, truth, 2)).toBeGreaterThan(mv(crowd, truth) + 0.03);
    // It also finds the spammers: their fitted accuracy is near chance, the honest ones' well above.
    const spamAcc = Array.from(fit.workerAccuracy.slice(42));
    expect(Math.max(...spamAcc)).toBeLessThan(0.62);
    expect(Math.min(...Array.from(fit.workerAccuracy.slice(0, 42)))).toBeGreaterThan(0.6);
  });

  it('turns adversarial flippers into useful voters', () => {
    const workers = mixed('flip', 50, [[0.75, (u) => honest(0.6 + 0.2 * u)], [0.25, () => flipper(0.9)]]);
    const { crowd, truth } = crowdOf('flip', workers);
    expect(ds(crowd, truth)).toBeGreaterThan(mv(crowd, truth) + 0.08);
  });

  it('discounts labellers biased toward one class when the other class is rare', () => {
    const workers = mixed('bias', 50, [[0.6, (u) => honest(0.75 + 0.15 * u)], [0.4, () => biased(1, 0.7, 0.85)]]);
    const { crowd, truth } = crowdOf('bias', workers, 3000, [0.8, 0.2]);
    const fit = dawidSkene(crowd);
    expect(accuracyOf(fit.posteriors, truth, 2)).toBeGreaterThan(mv(crowd, truth) + 0.03);
    expect(fit.classPrior[0]).toBeCloseTo(0.8, 1);
  });

  it('recovers multi-class confusion matrices and the class prior', () => {
    const k3: Confusion[] = [
      [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.05, 0.05, 0.9]],
      [[0.6, 0.4, 0], [0.3, 0.7, 0], [0, 0.1, 0.9]],
      [[0.34, 0.33, 0.33], [0.33, 0.34, 0.33], [0.33, 0.33, 0.34]],
      [[0.1, 0.8, 0.1], [0.8, 0.1, 0.1], [0.1, 0.1, 0.8]],
    ];
    const workers = Array.from({ length: 20 }, (_, w) => k3[w % 4]!);
    const { crowd, truth } = crowdOf('k3', workers, 4000, [0.5, 0.3, 0.2]);
    const fit = dawidSkene(crowd);
    expect(accuracyOf(fit.posteriors, truth, 3)).toBeGreaterThan(mv(crowd, truth) + 0.03);
    for (let w = 0; w < 20; w++) {
      for (let t = 0; t < 3; t++) {
        for (let l = 0; l < 3; l++) expect(Math.abs(fit.confusions[w * 9 + t * 3 + l]! - k3[w % 4]![t]![l]!)).toBeLessThan(0.1);
      }
    }
    [0.5, 0.3, 0.2].forEach((p, t) => expect(fit.classPrior[t]).toBeCloseTo(p, 1));
  });
});

describe('dawidSkene with gold', () => {
  it('lands on the right side when most of the crowd is adversarial, given 10% gold', () => {
    // 60% flippers make the majority wrong, and EM started from it stays wrong: the swapped
    // solution fits the labels as well. Gold items decide which way round is true.
    const workers = mixed('adv', 40, [[0.4, () => honest(0.85)], [0.6, () => flipper(0.85)]]);
    const { crowd, truth } = crowdOf('adv', workers);
    const gold = new Int32Array(crowd.nItems).fill(-1);
    for (let i = 0; i < crowd.nItems; i += 10) gold[i] = truth[i]!;
    expect(mv(crowd, truth)).toBeLessThan(0.5);
    expect(ds(crowd, truth)).toBeLessThan(0.5);
    const fit = dawidSkene(crowd, { gold });
    expect(accuracyOf(fit.posteriors, truth, 2)).toBeGreaterThan(0.9);
    for (let i = 0; i < crowd.nItems; i += 10) expect(fit.posteriors[i * 2 + truth[i]!]).toBe(1);
  });

  it('accepts a weighted-vote start and explicit starting posteriors', () => {
    const workers = mixed('init', 40, [[0.7, (u) => honest(0.7 + 0.2 * u)], [0.3, () => spammer()]]);
    const { crowd, truth } = crowdOf('init', workers, 1000);
    const base = ds(crowd, truth);
    expect(Math.abs(ds(crowd, truth, { init: 'weighted' }) - base)).toBeLessThan(0.01);
    expect(ds(crowd, truth, { init: majorityVotePosteriors(crowdIndex(crowd)) })).toBe(base);
    expect(() => dawidSkene(crowd, { init: new Float64Array(3) })).toThrow(RangeError);
  });
});

describe('dawidSkene shrinkage', () => {
  // Item 400: four reliable labellers (hundreds of answers each) say class 0, newcomer 8 says 1;
  // newcomer 8's other two answers agree with unanimous items. Newcomer 9 only has those two
  // agreeing answers, so unshrunk they look perfect.
  function newcomerCrowd(): CrowdLabels {
    const { crowd } = crowdOf('veterans', Array.from({ length: 8 }, () => honest(0.8)), 400);
    const item = Array.from(crowd.item);
    const worker = Array.from(crowd.worker);
    const label = Array.from(crowd.label);
    const add = (i: number, w: number, l: number) => (item.push(i), worker.push(w), label.push(l));
    for (let w = 0; w < 4; w++) add(400, w, 0);
    for (let w = 0; w < 5; w++) add(401, w, 0);
    for (let w = 0; w < 5; w++) add(402, w, 1);
    add(400, 8, 1);
    add(401, 8, 0);
    add(402, 8, 1);
    add(401, 9, 0);
    add(402, 9, 1);
    return { item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label), nItems: 403, nWorkers: 10, nClasses: 2 };
  }

  it('a labeller with two other answers cannot overturn four reliable votes', () => {
    const fit = dawidSkene(newcomerCrowd());
    expect(fit.posteriors[400 * 2]).toBeGreaterThan(0.95);
  });

  it("pulls a newcomer's confusion toward the crowd's, and less so with more data", () => {
    const shrunk = dawidSkene(newcomerCrowd());
    const raw = dawidSkene(newcomerCrowd(), { priorStrength: 0 });
    const crowdMean = Array.from(shrunk.workerAccuracy.slice(0, 8)).reduce((a, b) => a + b) / 8;
    expect(raw.workerAccuracy[9]).toBeGreaterThan(0.99);
    expect(Math.abs(shrunk.workerAccuracy[9]! - crowdMean)).toBeLessThan(0.1);
    expect(Math.abs(shrunk.workerAccuracy[8]! - crowdMean)).toBeLessThan(0.1);
    // Veterans with ~250 answers barely move.
    expect(Math.abs(shrunk.workerAccuracy[0]! - raw.workerAccuracy[0]!)).toBeLessThan(0.01);
  });
});

describe('dawidSkene pooled confusion', () => {
  it("is the crowd's confusion, [true][answered], and an unseen labeller's rows", () => {
    const workers = [...Array.from({ length: 10 }, () => honest(0.8)), spammer()];
    const { crowd } = crowdOf('pooled', workers, 1500);
    // Worker 11 exists but labelled nothing: the fit knows only the crowd's confusion for them.
    const fit = dawidSkene({ ...crowd, nWorkers: 12 });
    const p = Array.from(fit.pooledConfusion);
    expect(p).toHaveLength(4);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    expect(p[2]! + p[3]!).toBeCloseTo(1, 12);
    // Ten labellers right 80 % of the time and one at chance: about (10 × 0.8 + 0.5) / 11.
    expect(p[0]).toBeCloseTo((10 * 0.8 + 0.5) / 11, 1);
    expect(p[3]).toBeCloseTo((10 * 0.8 + 0.5) / 11, 1);
    for (let x = 0; x < 4; x++) expect(fit.confusions[11 * 4 + x]).toBeCloseTo(p[x]!, 12);
  });
});

describe('dawidSkene determinism and edge cases', () => {
  it('gives bit-identical output for the same labels in any order', () => {
    const workers = mixed('order', 30, [[0.8, (u) => honest(0.6 + 0.3 * u)], [0.2, () => spammer()]]);
    const { crowd } = crowdOf('order', workers, 500);
    const perm = rngShuffle(rngFromSeed('perm'), Array.from(crowd.item.keys()));
    const shuffled: CrowdLabels = {
      ...crowd,
      item: Int32Array.from(perm, (j) => crowd.item[j]!),
      worker: Int32Array.from(perm, (j) => crowd.worker[j]!),
      label: Int32Array.from(perm, (j) => crowd.label[j]!),
    };
    const a = dawidSkene(crowd);
    const b = dawidSkene(shuffled);
    expect(b.posteriors).toEqual(a.posteriors);
    expect(b.confusions).toEqual(a.confusions);
    expect(b.iterations).toBe(a.iterations);
  });

  it('handles one item with one label, an unlabelled item and an idle worker', () => {
    const fit = dawidSkene({ item: Int32Array.of(0), worker: Int32Array.of(0), label: Int32Array.of(1), nItems: 2, nWorkers: 2, nClasses: 2 });
    expect(fit.converged).toBe(true);
    expect(fit.posteriors[1]).toBeGreaterThan(0.5);
    // The unlabelled item gets the class prior; every row sums to 1.
    expect(fit.posteriors[2]! + fit.posteriors[3]!).toBeCloseTo(1, 12);
    expect(fit.posteriors[2]).toBeCloseTo(fit.classPrior[0]!, 3);
    expect(Number.isFinite(fit.workerAccuracy[1]!)).toBe(true);
  });

  it('handles a single class, a class nobody used, and no labels at all', () => {
    const one = dawidSkene({ item: Int32Array.of(0, 0), worker: Int32Array.of(0, 1), label: Int32Array.of(0, 0), nItems: 1, nWorkers: 2, nClasses: 1 });
    expect(Array.from(one.posteriors)).toEqual([1]);
    expect(Array.from(one.workerAccuracy)).toEqual([1, 1]);
    const unused = dawidSkene({ item: Int32Array.of(0, 0, 1), worker: Int32Array.of(0, 1, 0), label: Int32Array.of(2, 2, 2), nItems: 2, nWorkers: 2, nClasses: 3 });
    expect(unused.posteriors[2]).toBeGreaterThan(0.5);
    expect(unused.posteriors.every((p) => Number.isFinite(p))).toBe(true);
    const none = dawidSkene({ item: new Int32Array(0), worker: new Int32Array(0), label: new Int32Array(0), nItems: 0, nWorkers: 0, nClasses: 2 });
    expect(none).toMatchObject({ iterations: 1, converged: true });
  });

  it('falls back to log space for an item with hundreds of split, confident answers', () => {
    // 300 workers made confident by 20 gold answers each, then split 150/150 on item 20: the scaled
    // product falls to ~1e-300 for both classes.
    const item: number[] = [];
    const worker: number[] = [];
    const label: number[] = [];
    const gold = new Int32Array(21).fill(-1);
    for (let i = 0; i < 20; i++) gold[i] = i % 2;
    for (let w = 0; w < 300; w++) {
      for (let i = 0; i < 20; i++) item.push(i), worker.push(w), label.push(i % 2);
      item.push(20), worker.push(w), label.push(w % 2);
    }
    const fit = dawidSkene({ item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label), nItems: 21, nWorkers: 300, nClasses: 2 }, { gold });
    expect(fit.posteriors[40]).toBeCloseTo(0.5, 6);
    expect(fit.posteriors[41]).toBeCloseTo(0.5, 6);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const workers = mixed('cap', 20, [[1, (u) => honest(0.6 + 0.3 * u)]]);
    const { crowd } = crowdOf('cap', workers, 300);
    expect(dawidSkene(crowd, { maxIterations: 1, tolerance: 0 })).toMatchObject({ iterations: 1, converged: false });
  });

  it('rejects malformed input', () => {
    const c = { item: Int32Array.of(0), worker: Int32Array.of(0), label: Int32Array.of(0), nItems: 1, nWorkers: 1, nClasses: 2 };
    expect(() => dawidSkene({ ...c, label: Int32Array.of(2) })).toThrow(/class 2/);
    expect(() => dawidSkene({ ...c, worker: Int32Array.of(0, 0) })).toThrow(/same length/);
    expect(() => dawidSkene({ ...c, item: Int32Array.of(-1) })).toThrow(RangeError);
    expect(() => dawidSkene(c, { gold: Int32Array.of(5) })).toThrow(/gold/);
    expect(() => dawidSkene(c, { priorStrength: -1 })).toThrow(/priorStrength/);
    expect(() => dawidSkene(c, { maxIterations: 1.5 })).toThrow(/maxIterations/);
  });
});
