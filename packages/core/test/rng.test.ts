import { rngFromSeed, rngInt, rngShuffle } from '../src/rng';

// Bryc's published reference implementations, written out independently of src/rng.ts.
function referenceMulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function referenceXmur3(str: string): number {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

describe('rngFromSeed', () => {
  it('matches the published mulberry32 sequence for seed 42', () => {
    const rng = rngFromSeed(42);
    expect([rng(), rng(), rng()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('agrees with the reference implementation over many draws and seeds', () => {
    for (const seed of [0, 1, 7, 123456789, 2 ** 32 - 1]) {
      const ours = rngFromSeed(seed);
      const ref = referenceMulberry32(seed);
      for (let i = 0; i < 50; i++) {
        expect(ours()).toBe(ref());
      }
    }
  });

  it('hashes string seeds with xmur3 before mulberry32', () => {
    expect(referenceXmur3('quorum')).toBe(3512361188);
    const ours = rngFromSeed('quorum');
    const ref = referenceMulberry32(3512361188);
    expect([ours(), ours()]).toEqual([ref(), ref()]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = rngFromSeed('batch-1');
    const b = rngFromSeed('batch-1');
    const c = rngFromSeed('batch-2');
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const rng = rngFromSeed(2024);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = rng();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Standard error of the mean of U(0,1) is sqrt(1/12/n) ≈ 0.002; 0.01 is five of them.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  });
});

describe('rngInt', () => {
  it('returns integers in [0, n)', () => {
    const rng = rngFromSeed(5);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const k = rngInt(rng, 4);
      expect(Number.isInteger(k) && k >= 0 && k < 4).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(4);
  });
});

describe('rngShuffle', () => {
  it('returns a new permutation and leaves the input untouched', () => {
    const xs = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = rngShuffle(rngFromSeed(1), xs);
    expect(out).not.toBe(xs);
    expect([...out].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is deterministic for a seed', () => {
    const xs = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(rngShuffle(rngFromSeed('s'), xs)).toEqual(rngShuffle(rngFromSeed('s'), xs));
    expect(rngShuffle(rngFromSeed('s'), xs)).not.toEqual(rngShuffle(rngFromSeed('t'), xs));
  });

  it('handles empty and single-element input', () => {
    expect(rngShuffle(rngFromSeed(1), [])).toEqual([]);
    expect(rngShuffle(rngFromSeed(1), ['only'])).toEqual(['only']);
  });

  it('makes all 6 orders of 3 items about equally likely', () => {
    const rng = rngFromSeed(99);
    const counts = new Map<string, number>();
    const n = 6000;
    for (let i = 0; i < n; i++) {
      const key = rngShuffle(rng, ['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 1000 each, sd ≈ 29; ±150 is > 5 sd, and a biased shuffle (e.g. j in [0, n)) fails it.
    for (const c of counts.values()) {
      expect(Math.abs(c - 1000)).toBeLessThan(150);
    }
  });
});
