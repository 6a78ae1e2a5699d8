import type { TSplitRatios } from './dataset-config';

/**
 * A row's split is a pure function of its pair key: a duplicate, and with symmetric pairs the
 * swapped pair, lands where the original did, in this version and every later one, so the
 * test set never leaks into train through a re-labelled copy. No rng, no row order.
 */

export const DATASET_SPLITS = ['train', 'dev', 'test'] as const;
export type DatasetSplit = (typeof DATASET_SPLITS)[number];

const { imul } = Math;
const TWO_POW_53 = 2 ** 53;

/**
 * cyrb53 (Bryc, github.com/bryc/code/jshash, public domain): two 32-bit multiplicative lanes
 * mixed into a 53-bit result, so [0, 1) gets 53 bits of resolution and a 1 % split is still
 * exact to far below one row in a billion. Frozen: changing it reshuffles every split.
 */
export function splitHash(key: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = imul(h1 ^ ch, 2654435761);
    h2 = imul(h2 ^ ch, 1597334677);
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The key's point in [0, 1), uniform over keys. */
export function splitPoint(key: string): number {
  return splitHash(key) / TWO_POW_53;
}

/**
 * train for points below ratios.train, dev below train + dev, test above. A split with ratio 0
 * never gets a row, even where the rounded cumulative sum falls just short of 1.
 */
export function splitFromKey(key: string, ratios: TSplitRatios): DatasetSplit {
  const u = splitPoint(key);
  let upper = 0;
  let last: DatasetSplit = 'train';
  for (const split of DATASET_SPLITS) {
    if (ratios[split] <= 0) {
      continue;
    }
    upper += ratios[split];
    last = split;
    if (u < upper) {
      return split;
    }
  }
  return last;
}
