/**
 * How long a careful reader needs for one pair: a fixed cost to look, decide and press a key,
 * plus reading both texts. Silent reading of English non-fiction runs at about 238 words per
 * minute (Brysbaert 2019, "How many words do we read per minute? A review and meta-analysis of
 * reading rate", J. Memory and Language 109), i.e. about 20 characters per second at ~6
 * characters per word including the space. Characters are counted as Unicode code points, so an
 * emoji or a CJK character counts once, not as two UTF-16 units.
 */
export type ReadingTimeOptions = { charsPerSecond?: number; baseSeconds?: number; scale?: number };

export const READING_TIME_DEFAULTS = { charsPerSecond: 20, baseSeconds: 1.5, scale: 1 } as const;

function readingTimeCodePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function readingTimePositive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${name} must be a finite positive number, got ${v}`);
  }
  return v;
}

/** Expected seconds to read both texts and answer. `scale` shrinks it (the simulator runs fast). */
export function readingTimeSeconds(textA: string, textB: string, opts: ReadingTimeOptions = {}): number {
  const cps = readingTimePositive('charsPerSecond', opts.charsPerSecond ?? READING_TIME_DEFAULTS.charsPerSecond);
  const scale = readingTimePositive('scale', opts.scale ?? READING_TIME_DEFAULTS.scale);
  const base = opts.baseSeconds ?? READING_TIME_DEFAULTS.baseSeconds;
  if (!Number.isFinite(base) || base < 0) {
    throw new RangeError(`baseSeconds must be a finite non-negative number, got ${base}`);
  }
  const chars = readingTimeCodePoints(textA) + readingTimeCodePoints(textB);
  // A zero total would make every later log-likelihood infinite; an empty pair still takes a glance.
  return Math.max(1e-3, (base + chars / cps) * scale);
}
