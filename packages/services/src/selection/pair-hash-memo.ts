import { pairKeyHasher, type PairKeyHash } from '@quorum/core';

/**
 * Pair key → MinHash signature and LSH bands, kept by this process across selection runs. Each run
 * compares the pool's top with every item of the project; without a stored copy of the items'
 * bands (the schema has none), their keys are re-read each run, and this spares hashing them
 * again: after the first run only the new candidates are hashed. Keyed by the key itself, so a
 * re-ingest that changes an item's texts simply misses. Bounded: past MEMO_MAX_KEYS a memo starts
 * over (≈ 400 bytes a key).
 */
const MEMO_MAX_KEYS = 250_000;
const memos = new Map<string, Map<string, PairKeyHash>>();

export function pairHashMemo(opts: { threshold: number; symmetric: boolean }): (key: string) => PairKeyHash {
  const id = `${opts.threshold}/${opts.symmetric}`;
  let memo = memos.get(id);
  if (!memo) {
    memo = new Map();
    memos.set(id, memo);
  }
  const hash = pairKeyHasher(opts);
  const m = memo;
  return (key) => {
    let h = m.get(key);
    if (!h) {
      if (m.size >= MEMO_MAX_KEYS) m.clear();
      h = hash(key);
      m.set(key, h);
    }
    return h;
  };
}
