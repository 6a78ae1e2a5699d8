import { lshBands, lshCandidatePairs, lshBandHashes, LSH_RECALL_AT_THRESHOLD } from '../../src/datasets/lsh';
import { MINHASH_BINS, minhashJaccard, minhashShingleSet, minhashSignature } from '../../src/datasets/minhash';
import { pairKey } from '../../src/datasets/normalise';
import { rngFromSeed } from '../../src/rng';

const key = (a: string, b: string, symmetric = false) => pairKey(a, b, { symmetric });
const jaccardOf = (k1: string, k2: string, symmetric = false) =>
  minhashJaccard(minhashShingleSet(k1, symmetric), minhashShingleSet(k2, symmetric));

describe('shingles and exact Jaccard', () => {
  it('takes 5-character windows of each side, and a short side whole', () => {
    expect(minhashShingleSet(key('abcdefg', 'xy'), false)).toHaveLength(3 + 1);
    expect(minhashShingleSet(key('aaaaaaaa', 'b'), false)).toHaveLength(1 + 1);
  });

  it('is 1 for equal keys, 0 for disjoint ones', () => {
    expect(jaccardOf(key('look after my cat', 'pet sitting'), key('look after my cat', 'pet sitting'))).toBe(1);
    expect(jaccardOf(key('aaaaaa', 'bbbbbb'), key('cccccc', 'dddddd'))).toBe(0);
    expect(minhashJaccard(new Uint32Array(0), new Uint32Array(0))).toBe(1);
  });

  it('computes |A∩B| / |A∪B| on a hand-counted case', () => {
    // 'abcdefgh' has shingles abcde bcdef cdefg defgh; 'abcdefgX' shares the first three.
    // With the same one-shingle side 'z', the sets are 5 and 5 with 4 in common: 4 / 6.
    expect(jaccardOf(key('abcdefgh', 'z'), key('abcdefgX', 'z'))).toBeCloseTo(4 / 6, 12);
  });

  it('tags sides unless symmetric, so a swapped pair is only similar when it should be', () => {
    const k1 = key('look after my cat', 'pet sitting offered');
    const k2 = key('pet sitting offered', 'look after my cat');
    expect(jaccardOf(k1, k2, false)).toBe(0);
    expect(jaccardOf(k1, k2, true)).toBe(1);
  });
});

describe('minhashSignature', () => {
  it('agrees bin for bin in about a Jaccard share of bins', () => {
    const rng = rngFromSeed(7);
    const word = () => Math.floor(rng() * 1e6).toString(36);
    let agreeSum = 0;
    let jSum = 0;
    const s1 = new Uint32Array(MINHASH_BINS);
    const s2 = new Uint32Array(MINHASH_BINS);
    for (let t = 0; t < 300; t++) {
      const words = Array.from({ length: 12 }, word);
      const changed = words.map((w, i) => (i % 4 === 0 ? word() : w));
      const k1 = key(words.join(' '), 'side b stays');
      const k2 = key(changed.join(' '), 'side b stays');
      minhashSignature(k1, false, s1);
      minhashSignature(k2, false, s2);
      agreeSum += s1.filter((v, i) => v === s2[i]).length / MINHASH_BINS;
      jSum += jaccardOf(k1, k2);
    }
    // Unbiased on average (Shrivastava 2017); 300 trials × 64 bins keep the mean within 0.03.
    expect(Math.abs(agreeSum / 300 - jSum / 300)).toBeLessThan(0.03);
  });

  it('is deterministic and fills every bin, even for a tiny text', () => {
    const a = new Uint32Array(MINHASH_BINS);
    const b = new Uint32Array(MINHASH_BINS);
    minhashSignature(key('hi', 'yo'), false, a);
    minhashSignature(key('hi', 'yo'), false, b);
    expect(a).toEqual(b);
    expect(a.every((v) => v !== 0xffffffff)).toBe(true);
  });
});

describe('LSH', () => {
  it('picks bands that reach the recall target at the threshold', () => {
    for (const t of [0.5, 0.7, 0.8, 0.9, 0.95, 1]) {
      const { bands, rows } = lshBands(t);
      expect(bands * rows).toBeLessThanOrEqual(MINHASH_BINS);
      expect(1 - (1 - t ** rows) ** bands).toBeGreaterThanOrEqual(LSH_RECALL_AT_THRESHOLD);
    }
    expect(lshBands(0.9)).toEqual({ bands: 9, rows: 7 });
  });

  it('pairs each later bucket member with the first and its predecessor, never two early entries', () => {
    // Three entries share every band; entry 0 is "parent" (before firstVisited = 1).
    const shape = { bands: 2, rows: 1 };
    const hashes = new Uint32Array(8);
    const sig = new Uint32Array([5, 6]);
    for (const i of [0, 1, 2]) {
      lshBandHashes(sig, shape, hashes, i * 2);
    }
    lshBandHashes(new Uint32Array([9, 9]), shape, hashes, 6);
    const seen: string[] = [];
    lshCandidatePairs(hashes, 4, 2, 1, (e, l) => seen.push(`${e}-${l}`));
    expect([...new Set(seen)].sort()).toEqual(['0-1', '0-2', '1-2']);
  });
});
