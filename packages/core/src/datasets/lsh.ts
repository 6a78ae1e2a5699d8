import { MINHASH_BINS, minhashMix } from './minhash';

/**
 * Locality-sensitive hashing over MinHash signatures (Leskovec, Rajaraman & Ullman, "Mining of
 * Massive Datasets", §3.4): cut the signature into b bands of r rows; two sets become a
 * candidate pair when any band matches, with probability 1 − (1 − J^r)^b. Candidates are then
 * verified on exact Jaccard, so banding only decides recall and cost, never precision.
 *
 * Buckets are found by sorting, not hashing into maps: per band one Float64Array holds
 * (band hash, entry index) packed into 53 bits, and a native numeric sort brings each bucket
 * together. That is n·log n time and 8 bytes per entry per band, for a million rows.
 */

export type LshBands = { bands: number; rows: number };

/** The recall LSH must reach for a pair exactly at the threshold; above it, recall only rises. */
export const LSH_RECALL_AT_THRESHOLD = 0.995;

/**
 * The longest band (fewest false candidates) that still finds a pair at the threshold with
 * probability ≥ LSH_RECALL_AT_THRESHOLD. For 0.9 that is 9 bands of 7; for 0.7, 21 of 3.
 */
export function lshBands(threshold: number, bins = MINHASH_BINS): LshBands {
  let best: LshBands = { bands: bins, rows: 1 };
  for (let rows = 1; rows <= bins; rows++) {
    const bands = Math.floor(bins / rows);
    if (1 - (1 - threshold ** rows) ** bands >= LSH_RECALL_AT_THRESHOLD) {
      best = { bands, rows };
    }
  }
  return best;
}

/** One 32-bit hash per band of the signature, written to out[offset … offset + bands). */
export function lshBandHashes(signature: Uint32Array, shape: LshBands, out: Uint32Array, offset: number): void {
  for (let band = 0; band < shape.bands; band++) {
    let h = 0x27d4eb2f ^ band;
    for (let r = band * shape.rows; r < (band + 1) * shape.rows; r++) {
      h = Math.imul(h ^ signature[r]!, 0x01000193);
    }
    out[offset + band] = minhashMix(h);
  }
}

/**
 * Calls visit(earlier, later) for entries that share a bucket in some band, where
 * later ≥ firstVisited (entries before it, the parent's rows, are never compared with each
 * other). Each later entry is paired with its bucket's first entry and its predecessor in the
 * bucket, not with every member: a bucket of 10,000 copies costs 20,000 visits, not 50 million.
 * The same pair can be visited once per band; the caller de-duplicates.
 */
export function lshCandidatePairs(
  bandHashes: Uint32Array,
  count: number,
  bands: number,
  firstVisited: number,
  visit: (earlier: number, later: number) => void,
): void {
  const indexBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  if (indexBits > 31) {
    throw new RangeError(`lshCandidatePairs: ${count} entries is more than this index packs`);
  }
  // 53 bits of exact integers in a double: the index takes what it needs, the band hash the
  // rest. A shorter hash only adds candidates, which verification removes.
  const hashShift = Math.max(0, 32 - (53 - indexBits));
  const indexScale = 2 ** indexBits;
  const packed = new Float64Array(count);
  for (let band = 0; band < bands; band++) {
    for (let i = 0; i < count; i++) {
      packed[i] = (bandHashes[i * bands + band]! >>> hashShift) * indexScale + i;
    }
    packed.sort();
    let runStart = 0;
    while (runStart < count) {
      const bucket = Math.floor(packed[runStart]! / indexScale);
      let runEnd = runStart + 1;
      while (runEnd < count && Math.floor(packed[runEnd]! / indexScale) === bucket) {
        runEnd++;
      }
      const first = packed[runStart]! - bucket * indexScale;
      let previous = first;
      for (let k = runStart + 1; k < runEnd; k++) {
        const later = packed[k]! - bucket * indexScale;
        if (later >= firstVisited) {
          visit(first, later);
          if (previous !== first) {
            visit(previous, later);
          }
        }
        previous = later;
      }
      runStart = runEnd;
    }
  }
}
