import { PAIR_KEY_SEPARATOR } from './normalise';

/**
 * Character shingles and MinHash signatures of a pair key, for near-duplicate search.
 *
 * A pair's shingles are the 5-character windows of each normalised text (a whole text when it
 * is shorter). For asymmetric relations each side hashes with its own seed, so (a, b) and
 * (b, a) share no shingles; for symmetric ones both sides use one seed, so a swapped pair has
 * the same shingle set. Five characters is the usual choice for short texts: long enough that
 * unrelated English texts share few shingles, short enough that one typo spoils only five.
 *
 * Signatures use one permutation hashing (Li, Owen & Zhang, "One Permutation Hashing", NIPS
 * 2012): one hash per shingle, its top bits pick one of 64 bins, each bin keeps its minimum.
 * That is O(shingles + bins) per row instead of O(shingles × bins) for 64 hash functions.
 * Short texts leave bins empty; they are filled by optimal densification (Shrivastava,
 * "Optimal Densification for Fast and Accurate Minwise Hashing", ICML 2017), which keeps
 * P(bin i equal) = Jaccard. All seeds are fixed constants, so signatures are reproducible.
 */

export const MINHASH_BINS = 64;
const BIN_SHIFT = 26; // 32 − log2(64): the top 6 bits choose the bin
export const SHINGLE_SIZE = 5;
const SIDE_SEEDS = [0x9747b28c, 0x5bd1e995] as const;
const { imul } = Math;

/** MurmurHash3's 32-bit finaliser (Appleby): full avalanche, so top bits are as good as low. */
export function minhashMix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Polynomial rolling hash over a 5-character window (Karp & Rabin, 1987), mod 2^32: each
// character is read once, and minhashMix then spreads the window's value over all 32 bits.
const BASE = 0x01000193;
const BASE_POW_5 = imul(imul(BASE, BASE), imul(imul(BASE, BASE), BASE));

/** A growing scratch buffer: signatures run a million times per merge, so no per-row array. */
let scratch = new Uint32Array(1024);

/** Hashes of every shingle of the key into `scratch`; returns how many. */
function minhashShingleHashes(key: string, symmetric: boolean): number {
  if (scratch.length < key.length) {
    scratch = new Uint32Array(key.length * 2);
  }
  const sep = key.indexOf(PAIR_KEY_SEPARATOR);
  let n = 0;
  for (let side = 0; side < 2; side++) {
    const start = side === 0 ? 0 : sep + 1;
    const end = side === 0 ? (sep < 0 ? key.length : sep) : sep < 0 ? start : key.length;
    const seed: number = SIDE_SEEDS[symmetric || side === 0 ? 0 : 1];
    let h = 0;
    for (let j = start; j < end; j++) {
      h = (imul(h, BASE) + key.charCodeAt(j)) | 0;
      if (j >= start + SHINGLE_SIZE) {
        // Take the character that left the window back out: it was multiplied in 5 times.
        h = (h - imul(key.charCodeAt(j - SHINGLE_SIZE), BASE_POW_5)) | 0;
      }
      if (j >= start + SHINGLE_SIZE - 1) {
        scratch[n++] = minhashMix(h ^ seed);
      }
    }
    // A text shorter than a shingle is one shingle; its length keeps "ab" apart from "\0ab".
    if (end - start > 0 && end - start < SHINGLE_SIZE) {
      scratch[n++] = minhashMix(h ^ seed ^ (end - start));
    }
  }
  return n;
}

/** The key's shingle hashes, sorted and distinct: the set Jaccard is measured on. */
export function minhashShingleSet(key: string, symmetric: boolean): Uint32Array {
  const n = minhashShingleHashes(key, symmetric);
  const sorted = scratch.slice(0, n).sort();
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[w - 1]) {
      sorted[w++] = sorted[i]!;
    }
  }
  return sorted.subarray(0, w);
}

/** Exact Jaccard |A ∩ B| / |A ∪ B| of two sorted distinct sets; 1 for two empty sets. */
export function minhashJaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  const union = a.length + b.length - common;
  return union === 0 ? 1 : common / union;
}

const filled = new Uint8Array(MINHASH_BINS);

/** Writes the key's 64-bin signature into `out`. A key with no shingles gets all zeros. */
export function minhashSignature(key: string, symmetric: boolean, out: Uint32Array): void {
  out.fill(0xffffffff);
  filled.fill(0);
  const n = minhashShingleHashes(key, symmetric);
  for (let s = 0; s < n; s++) {
    const h = scratch[s]!;
    const bin = h >>> BIN_SHIFT;
    filled[bin] = 1;
    if (h < out[bin]!) {
      out[bin] = h;
    }
  }
  if (n === 0) {
    out.fill(0);
    return;
  }
  for (let i = 0; i < MINHASH_BINS; i++) {
    if (filled[i]) {
      continue;
    }
    // The probe sequence depends on (bin, attempt) only, never on the data: two sets with the
    // same filled bins borrow from the same places, which is what keeps collisions ∝ Jaccard.
    for (let attempt = 1; ; attempt++) {
      const j = minhashMix(imul(i + 1, 0x9e3779b1) ^ imul(attempt, 0x85ebca77)) >>> BIN_SHIFT;
      if (filled[j]) {
        out[i] = out[j]!;
        break;
      }
    }
  }
}
