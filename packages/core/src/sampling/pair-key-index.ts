import { lshBandHashes, lshBands, type LshBands } from '../datasets/lsh';
import { MINHASH_BINS, minhashJaccard, minhashShingleSet, minhashSignature } from '../datasets/minhash';
import type { NearDuplicateOptions } from '../datasets/near-duplicates';

/**
 * A growing set of pairs that answers "is this pair a duplicate, or a near-duplicate, of one
 * already in?" Each entry has a key, whose equality says "same question" (a normalised pair
 * key, or a hash of one as ingest stores it), and the normalised pair itself (core pairKey), from
 * which similarity is measured. An entry may come in with its signature but without its pair
 * text: the caller then fetches the texts of the entries pairKeyIndexProposals names before
 * asking for matches, so that a million stored items need not travel for the few that get
 * compared. Similarity uses the datasets' MinHash + LSH (the same signature and banding as
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
  /** Entry e's normalised pair, when at hand (needed only to verify a proposal on e). */
  readonly pairs: (string | undefined)[];
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
    pairs: [],
    signatures: new Uint32Array(MINHASH_BINS * 256),
    sets: [],
    minAgreeing: Math.max(0, Math.ceil((opts.threshold - SIGNATURE_SLACK) * MINHASH_BINS)),
  };
}

function pairKeyHashWith(shape: LshBands, symmetric: boolean, pair: string): PairKeyHash {
  const signature = new Uint32Array(MINHASH_BINS);
  const bands = new Uint32Array(shape.bands);
  minhashSignature(pair, symmetric, signature);
  lshBandHashes(signature, shape, bands, 0);
  return { signature, bands };
}

/**
 * A function from normalised pair to its MinHash signature and LSH band hashes under `opts`, as
 * nearDuplicateBandHashes computes them, with the band shape worked out once. A caller may
 * memoise it by the pair's key (selection does, across runs): the hash of a pair never changes.
 */
export function pairKeyHasher(opts: NearDuplicateOptions): (pair: string) => PairKeyHash {
  const shape = lshBands(opts.threshold);
  return (pair) => pairKeyHashWith(shape, opts.symmetric, pair);
}

/** The normalised pair's hash for this index (see pairKeyHasher). */
export function pairKeyIndexHash(index: PairKeyIndex, pair: string): PairKeyHash {
  return pairKeyHashWith(index.shape, index.opts.symmetric, pair);
}

/**
 * Adds an entry: its key, its hash and, if at hand, its normalised pair (pairKeyIndexSetPair can
 * bring it later); returns its entry number, in the order added.
 */
export function pairKeyIndexAdd(index: PairKeyIndex, key: string, hash: PairKeyHash, pair?: string): number {
  const entry = index.keys.length;
  index.keys.push(key);
  index.pairs.push(pair);
  index.sets.push(undefined);
  if (!index.exact.has(key)) {
    index.exact.set(key, entry);
  }
  if ((entry + 1) * MINHASH_BINS > index.signatures.length) {
    const grown = new Uint32Array(index.signatures.length * 2);
    grown.set(index.signatures);
    index.signatures = grown;
  }
  index.signatures.set(hash.signature, entry * MINHASH_BINS);
  for (let band = 0; band < index.shape.bands; band++) {
    const map = index.buckets[band]!;
    const bucket = hash.bands[band]! | 0;
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

/** Brings an entry's normalised pair, for entries added without it. */
export function pairKeyIndexSetPair(index: PairKeyIndex, entry: number, pair: string): void {
  if (entry < 0 || entry >= index.keys.length) {
    throw new RangeError(`no entry ${entry} in the index (${index.keys.length} entries)`);
  }
  index.pairs[entry] = pair;
}

function shingles(index: PairKeyIndex, entry: number): Uint32Array {
  let set = index.sets[entry];
  if (!set) {
    const pair = index.pairs[entry];
    if (pair === undefined) {
      throw new Error(`entry ${entry} was added without its pair text and is proposed for a comparison: bring it with pairKeyIndexSetPair first (see pairKeyIndexProposals)`);
    }
    set = minhashShingleSet(pair, index.opts.symmetric);
    index.sets[entry] = set;
  }
  return set;
}

/**
 * Calls `visit` on each entry a pair with this hash would be compared with exactly — its LSH
 * bucket-mates whose signatures agree closely enough — once each, in band order then in the order
 * entries were added, until `visit` returns true.
 */
function eachProposal(index: PairKeyIndex, hash: PairKeyHash, visit: (entry: number) => boolean): void {
  let seen: Set<number> | null = null;
  for (let band = 0; band < index.shape.bands; band++) {
    const list = index.buckets[band]!.get(hash.bands[band]! | 0);
    if (!list) {
      continue;
    }
    seen ??= new Set();
    for (const entry of list) {
      if (seen.has(entry)) {
        continue;
      }
      seen.add(entry);
      if (agreeing(index, entry, hash.signature) >= index.minAgreeing && visit(entry)) {
        return;
      }
    }
  }
}

/** The entries pairKeyIndexMatch may compare a pair with this hash to exactly (their texts are needed). */
export function pairKeyIndexProposals(index: PairKeyIndex, hash: PairKeyHash): number[] {
  const out: number[] = [];
  eachProposal(index, hash, (entry) => {
    out.push(entry);
    return false;
  });
  return out;
}

/**
 * The entry whose key equals `key` (the first such entry), or else the one whose pair nearly
 * duplicates `pair`, or null. For a near-duplicate it is the first entry, in band order then in
 * the order entries were added, whose exact Jaccard reaches the threshold: stopping there keeps a
 * pair that lands among thousands of near-identical entries at one comparison instead of
 * thousands, and the order is fixed, so the answer is deterministic. Every proposed entry must
 * have its pair text (pairKeyIndexSetPair).
 */
export function pairKeyIndexMatch(index: PairKeyIndex, key: string, pair: string, hash?: PairKeyHash): PairKeyMatch | null {
  const same = index.exact.get(key);
  if (same !== undefined) {
    return { entry: same, similarity: 1, exact: true };
  }
  const h = hash ?? pairKeyIndexHash(index, pair);
  let set: Uint32Array | null = null;
  let found: PairKeyMatch | null = null;
  eachProposal(index, h, (entry) => {
    set ??= minhashShingleSet(pair, index.opts.symmetric);
    const similarity = minhashJaccard(shingles(index, entry), set);
    if (similarity >= index.opts.threshold) {
      found = { entry, similarity, exact: false };
      return true;
    }
    return false;
  });
  return found;
}
