import { crowdBatch, crowdLabeller, type LabellerType } from './fixtures/simulated-crowd';
import { rngFromSeed } from '../src/rng';

const batches = (type: LabellerType, n: number, peers = 0, seed = 'sim') => {
  const rng = rngFromSeed(`${seed}-${type.kind}`);
  return Array.from({ length: n }, (_, b) => crowdBatch(rng, crowdLabeller(rng, type), { peers }, b));
};

describe('simulated crowd (test fixture)', () => {
  it('makes batches of 10 with 1 gold item and peers only on non-gold items', () => {
    for (const { items, truth } of batches({ kind: 'honest', accuracy: 0.9 }, 50, 4)) {
      expect(items).toHaveLength(10);
      expect(truth).toHaveLength(10);
      expect(items.filter((it) => it.gold !== null)).toHaveLength(1);
      for (const it of items) expect(it.peers === null).toBe(it.gold !== null);
    }
  });

  it('gives honest labellers their accuracy and a human pace', () => {
    let right = 0;
    let total = 0;
    const ratios: number[] = [];
    for (const { items, truth } of batches({ kind: 'honest', accuracy: 0.8 }, 500)) {
      items.forEach((it, i) => {
        right += it.label === truth[i] ? 1 : 0;
        total++;
        ratios.push(it.seconds / it.expectedSeconds);
      });
    }
    expect(right / total).toBeCloseTo(0.8, 1);
    ratios.sort((a, b) => a - b);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.8);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.2);
  });

  it('makes random clickers right half the time, the fast ones in about a second', () => {
    let right = 0;
    let total = 0;
    for (const { items, truth } of batches({ kind: 'random-fast' }, 300)) {
      items.forEach((it, i) => {
        right += it.label === truth[i] ? 1 : 0;
        total++;
        expect(it.seconds).toBeLessThan(it.expectedSeconds);
      });
    }
    expect(right / total).toBeCloseTo(0.5, 1);
  });

  it('makes constant clickers repeat themselves and alternators flip', () => {
    for (const { items } of batches({ kind: 'constant' }, 50)) {
      const matches = items.filter((it) => it.label === 'match').length;
      expect(Math.max(matches, 10 - matches)).toBeGreaterThanOrEqual(8);
    }
    let flips = 0;
    for (const { items } of batches({ kind: 'alternating' }, 50)) {
      for (let i = 1; i < items.length; i++) flips += items[i]!.label !== items[i - 1]!.label ? 1 : 0;
    }
    expect(flips / (50 * 9)).toBeGreaterThan(0.95);
  });

  it('makes gold-only-good labellers perfect on gold and random elsewhere', () => {
    for (const { items } of batches({ kind: 'gold-only-good' }, 100)) {
      for (const it of items) if (it.gold !== null) expect(it.label).toBe(it.gold);
    }
  });

  it('makes drifting labellers honest first and random later', () => {
    const rng = rngFromSeed('drift');
    const l = crowdLabeller(rng, { kind: 'drifting', accuracy: 1, honestBatches: 3 });
    const early = crowdBatch(rng, l, {}, 0);
    expect(early.items.every((it, i) => it.label === early.truth[i])).toBe(true);
    let wrong = 0;
    for (let b = 3; b < 23; b++) {
      const late = crowdBatch(rng, l, {}, b);
      wrong += late.items.filter((it, i) => it.label !== late.truth[i]).length;
    }
    expect(wrong / 200).toBeGreaterThan(0.35);
  });

  it('replays exactly from a seed', () => {
    expect(batches({ kind: 'honest', accuracy: 0.9 }, 3, 4, 'same')).toEqual(batches({ kind: 'honest', accuracy: 0.9 }, 3, 4, 'same'));
  });
});
