import { lshBandHashes, lshBands, lshCandidatePairs } from './lsh';
import { MINHASH_BINS, minhashJaccard, minhashShingleSet, minhashSignature } from './minhash';

/**
 * Near-duplicate search over pair keys: MinHash + LSH to find candidates in n·log n, then the
 * exact shingle Jaccard of each candidate, so a reported similarity is never an estimate.
 * What LSH can miss is bounded by LSH_RECALL_AT_THRESHOLD for a pair at the threshold (and
 * shrinks fast above it); what it reports is always ≥ threshold.
 *
 * Entries are pair keys in a fixed order: the parent's first, then the new rows. Only pairs
 * with a new row are looked at, and a new row is only ever matched to an earlier entry, so
 * the earlier one is the row it "resembles".
 */

export type NearDuplicateMatch = { earlier: number; similarity: number };
export type NearDuplicateOptions = { threshold: number; symmetric: boolean };

/** Above this, later × count + earlier no longer fits in a double's 53 exact bits. */
const MAX_ENTRIES = 2 ** 26;

/**
 * For each entry at index ≥ firstNew that has near-duplicates: the earlier entries with
 * Jaccard ≥ threshold, most similar first, ties to the earlier entry.
 */
export function nearDuplicateMatches(
  keys: readonly string[],
  firstNew: number,
  opts: NearDuplicateOptions,
): Map<number, NearDuplicateMatch[]> {
  const count = keys.length;
  if (count > MAX_ENTRIES) {
    throw new RangeError(`nearDuplicateMatches: ${count} rows is more than one merge can compare`);
  }
  const shape = lshBands(opts.threshold);
  const bandHashes = new Uint32Array(count * shape.bands);
  const signature = new Uint32Array(MINHASH_BINS);
  for (let i = 0; i < count; i++) {
    minhashSignature(keys[i]!, opts.symmetric, signature);
    lshBandHashes(signature, shape, bandHashes, i * shape.bands);
  }
  const pairs: number[] = [];
  lshCandidatePairs(bandHashes, count, shape.bands, firstNew, (earlier, later) => {
    pairs.push(later * count + earlier);
  });
  const sorted = Float64Array.from(pairs).sort();
  const out = new Map<number, NearDuplicateMatch[]>();
  let laterSet: Uint32Array | null = null;
  let laterOf = -1;
  for (let p = 0; p < sorted.length; p++) {
    if (p > 0 && sorted[p] === sorted[p - 1]) {
      continue;
    }
    const later = Math.floor(sorted[p]! / count);
    const earlier = sorted[p]! - later * count;
    if (later !== laterOf) {
      laterOf = later;
      laterSet = minhashShingleSet(keys[later]!, opts.symmetric);
    }
    const similarity = minhashJaccard(minhashShingleSet(keys[earlier]!, opts.symmetric), laterSet!);
    if (similarity >= opts.threshold) {
      const list = out.get(later) ?? [];
      list.push({ earlier, similarity });
      out.set(later, list);
    }
  }
  for (const list of out.values()) {
    list.sort((x, y) => y.similarity - x.similarity || x.earlier - y.earlier);
  }
  return out;
}

/**
 * The LSH band hashes of one pair key, as nearDuplicateMatches computes them: two keys can only
 * be compared when they share one. A caller can store them beside a row and later fetch, out of
 * a large parent, only the rows a new row could match (an identical key shares every band).
 */
export function nearDuplicateBandHashes(key: string, opts: NearDuplicateOptions): Uint32Array {
  const shape = lshBands(opts.threshold);
  const signature = new Uint32Array(MINHASH_BINS);
  const out = new Uint32Array(shape.bands);
  minhashSignature(key, opts.symmetric, signature);
  lshBandHashes(signature, shape, out, 0);
  return out;
}
