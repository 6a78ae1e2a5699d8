import { pairKeyHasher, type PairKeyHash, type SelectionPairHasher } from '@quorum/core';

/**
 * Pair key → MinHash signature and LSH bands, kept by this process across selection runs. Each run
 * compares the pool's top with every item of the project; the schema keeps no copy of the items'
 * bands, so without this each run would read every item's texts to hash them again. With it,
 * a run reads the items' keys (sample.pair_key, a short hash), and texts only for keys it has not
 * hashed yet and for the few items a candidate gets compared with exactly. Keyed by the pair key,
 * so a re-ingest that changes an item's texts simply misses. Bounded: past MEMO_MAX_KEYS a memo
 * starts over (≈ 400 bytes a key).
 */
const MEMO_MAX_KEYS = 250_000;
const memos = new Map<string, Map<string, PairKeyHash>>();

export type PairHashMemo = {
  /** The key's hash, if this process has computed it. */
  known: (pairKey: string) => PairKeyHash | undefined;
  /** The hash of the normalised pair, remembered under its key. */
  hash: SelectionPairHasher;
};

export function pairHashMemo(opts: { threshold: number; symmetric: boolean }): PairHashMemo {
  const id = `${opts.threshold}/${opts.symmetric}`;
  let memo = memos.get(id);
  if (!memo) {
    memo = new Map();
    memos.set(id, memo);
  }
  const hashOf = pairKeyHasher(opts);
  const m = memo;
  return {
    known: (key) => m.get(key),
    hash: (key, pair) => {
      let h = m.get(key);
      if (!h) {
        if (m.size >= MEMO_MAX_KEYS) m.clear();
        h = hashOf(pair);
        m.set(key, h);
      }
      return h;
    },
  };
}
