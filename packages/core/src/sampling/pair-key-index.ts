import { lshBandHashes, lshBands, type LshBands } from '../datasets/lsh';
import { MINHASH_BINS, minhashJaccard, minhashShingleSet, minhashSignature } from '../datasets/minhash';
import type { NearDuplicateOptions } from '../datasets/near-duplicates';

/**
 * A growing set of pair keys that answers "is this key a duplicate, or a near-duplicate, of one
 * already in?" — the datasets' MinHash + LSH (the same signature and banding as
 * nearDuplicateBandHashes) kept as one bucket map per band, so that keys can be added one at a
 * time while selection walks down the pool. As in the dataset checks, LSH only proposes
 * candidates and each is verified on exact shingle Jaccard, so a reported similarity is never an
 * estimate, and a pair at the threshold is found with probability ≥ LSH_RECALL_AT_THRESHOLD.
 *
 * Texts that share a template ("I need someone to … in …") share many shingles, and so buckets:
 * a key can meet hundreds of bucket-mates at Jaccard 0.5. Their signatures are compared first
 * (64 integers) and only those whose estimated Jaccard comes within SIGNATURE_SLACK of the
 * threshold get the exact comparison. The estimate's standard deviation is √(J(1 − J)/64) ≤ 0.0625,
 * so a slack of 0.3 (≥ 4.8 σ) drops a true near-duplicate with probability below 10⁻⁶.
 */
export type PairKeyIndex = {
  readonly opts: NearDuplicateOptions;
  readonly shape: LshBands;
  /** One map per band: band hash (as int32) → entries. */
  readonly buckets: Map<number, number[]>[];
  readonly exact: Map<string, number>;
  readonly keys: string[];
  /** Entry e's MinHash signature at [e × 64, (e + 1) × 64). */
  signatures: Uint32Array;
  /** Shingle sets, computed when an entry is first compared exactly. */
  readonly sets: (Uint32Array | undefined)[];
  readonly minAgreeing: number;
};

/** A key's signature and band hashes, computed once for both the match and the add. */
export type PairKeyHash = { signature: Uint32Array; bands: Uint32Array };
export type PairKeyMatch = { entry: number; similarity: number; exact: boolean };

const SIGNATURE_SLACK = 0.3;

export function pairKeyIndexCreate(opts: NearDuplicateOptions): PairKeyIndex {
  if (!(opts.threshold > 0 && opts.threshold <= 1)) {
    throw new RangeError(`near-duplicate threshold must be in (0, 1], got ${opts.threshold}`);
  }
  const shape = lshBands(opts.threshold);
  return {
    opts,
    shape,
    buckets: Array.from({ length: shape.bands }, () => new Map<number, number[]>()),
    exact: new Map(),
    keys: [],
    signatures: new Uint32Array(MINHASH_BINS * 256),
    sets: [],
    minAgreeing: Math.max(0, Math.ceil((opts.threshold - SIGNATURE_SLACK) * MINHASH_BINS)),
  };
}

function pairKeyHashWith(shape: LshBands, symmetric: boolean, key: string): PairKeyHash {
  const signature = new Uint32Array(MINHASH_BINS);
  const bands = new Uint32Array(shape.bands);
  minhashSignature(key, symmetric, signature);
  lshBandHashes(signature, shape, bands, 0);
  return { signature, bands };
}

/**
 * A function from pair key to its MinHash signature and LSH band hashes under `opts`, as
 * nearDuplicateBandHashes computes them, with the band shape worked out once. A caller may
 * memoise it (selection does, across runs): the hash of a key never changes.
 */
export function pairKeyHasher(opts: NearDuplicateOptions): (key: string) => PairKeyHash {
  const shape = lshBands(opts.threshold);
  return (key) => pairKeyHashWith(shape, opts.symmetric, key);
}

/** The key's hash for this index (see pairKeyHasher). */
export function pairKeyIndexHash(index: PairKeyIndex, key: string): PairKeyHash {
  return pairKeyHashWith(index.shape, index.opts.symmetric, key);
}

/** Adds a key (with its pairKeyIndexHash, if at hand); returns its entry number, in the order added. */
export function pairKeyIndexAdd(index: PairKeyIndex, key: string, hash?: PairKeyHash): number {
  const h = hash ?? pairKeyIndexHash(index, key);
  const entry = index.keys.length;
  index.keys.push(key);
  index.sets.push(undefined);
  if (!index.exact.has(key)) {
    index.exact.set(key, entry);
  }
  if ((entry + 1) * MINHASH_BINS > index.signatures.length) {
    const grown = new Uint32Array(index.signatures.length * 2);
    grown.set(index.signatures);
    index.signatures = grown;
  }
  index.signatures.set(h.signature, entry * MINHASH_BINS);
  for (let band = 0; band < index.shape.bands; band++) {
    const map = index.buckets[band]!;
    const bucket = h.bands[band]! | 0;
    const list = map.get(bucket);
    if (list) {
      list.push(entry);
    } else {
      map.set(bucket, [entry]);
    }
  }
  return entry;
}

function agreeing(index: PairKeyIndex, entry: number, signature: Uint32Array): number {
  const base = entry * MINHASH_BINS;
  let n = 0;
  for (let i = 0; i < MINHASH_BINS; i++) {
    if (index.signatures[base + i] === signature[i]) {
      n++;
    }
  }
  return n;
}

function shingles(index: PairKeyIndex, entry: number): Uint32Array {
  let set = index.sets[entry];
  if (!set) {
    set = minhashShingleSet(index.keys[entry]!, index.opts.symmetric);
    index.sets[entry] = set;
  }
  return set;
}

/**
 * The entry the key duplicates (same key: the first such entry) or else nearly duplicates, or
 * null. For a near-duplicate it is the first entry, in band order then in the order entries were
 * added, whose exact Jaccard reaches the threshold: stopping there keeps a key that lands among
 * thousands of near-identical entries at one comparison instead of thousands, and the order is
 * fixed, so the answer is deterministic.
 */
export function pairKeyIndexMatch(index: PairKeyIndex, key: string, hash?: PairKeyHash): PairKeyMatch | null {
  const same = index.exact.get(key);
  if (same !== undefined) {
    return { entry: same, similarity: 1, exact: true };
  }
  const h = hash ?? pairKeyIndexHash(index, key);
  let set: Uint32Array | null = null;
  let seen: Set<number> | null = null;
  for (let band = 0; band < index.shape.bands; band++) {
    const list = index.buckets[band]!.get(h.bands[band]! | 0);
    if (!list) {
      continue;
    }
    seen ??= new Set();
    for (const entry of list) {
      if (seen.has(entry)) {
        continue;
      }
      seen.add(entry);
      if (agreeing(index, entry, h.signature) < index.minAgreeing) {
        continue;
      }
      set ??= minhashShingleSet(key, index.opts.symmetric);
      const similarity = minhashJaccard(shingles(index, entry), set);
      if (similarity >= index.opts.threshold) {
        return { entry, similarity, exact: false };
      }
    }
  }
  return null;
}
