import { splitHash } from '@quorum/core';

/**
 * The external ids a request has sent so far, as a Bloom filter (Bloom 1970; double hashing after
 * Kirsch & Mitzenmacher 2006): fixed memory whatever the request's size, never a false "not
 * seen", rarely a false "seen". A line whose id was surely not seen before in this request needs
 * no dedupe and, in a project that was empty, no comparison with stored samples; the merge only
 * looks at the lines flagged here, and a false flag costs one index lookup, not a wrong answer.
 * At 2^26 bits (8 MiB) and 5 hashes a million ids give about one false flag; ten million, 4 %.
 */
const HASHES = 5;
const MAX_LOG2_BITS = 26;
const MIN_LOG2_BITS = 16;
/** Bits per expected id: ~1 % false flags at 10, far fewer at the cap's 64. */
const BITS_PER_ID = 16;
/** The shortest possible line is longer than this, so bytes / this bounds the ids in a body. */
const MIN_LINE_BYTES = 48;

export class SeenIds {
  private readonly words: Uint32Array;
  private readonly mask: number;

  /** Sized for a body of `bytes` when its length is known, else for the largest. */
  constructor(bytes?: number) {
    const ids = bytes === undefined ? Infinity : bytes / MIN_LINE_BYTES;
    const log2 = Math.max(MIN_LOG2_BITS, Math.min(MAX_LOG2_BITS, Math.ceil(Math.log2(Math.max(1, ids * BITS_PER_ID)))));
    this.words = new Uint32Array(2 ** (log2 - 5));
    this.mask = 2 ** log2 - 1;
  }

  /** Adds `id`; true when it may have been added before. */
  testAndAdd(id: string): boolean {
    const h = splitHash(id);
    const h1 = h >>> 0;
    // The top 21 bits as the step; odd, so the k positions differ.
    const h2 = Math.floor(h / 4294967296) | 1;
    let seen = true;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.words[word]! & flag) === 0) {
        seen = false;
        this.words[word]! |= flag;
      }
    }
    return seen;
  }
}
