/**
 * Small figures of the engineer's cockpit, kept here so that every ratio follows one rule: a
 * figure with nothing to divide by is null ("no data"), never 0 or NaN, so a fresh project does
 * not show a 0 % escalation rate it has not earned.
 */

/** part / whole, or null when whole is 0. */
export function qualityShare(part: number, whole: number): number | null {
  if (part < 0 || whole < 0) throw new RangeError(`negative count ${part}/${whole}`);
  return whole > 0 ? part / whole : null;
}

/** Events per hour over a window of `hours`. */
export function qualityPerHour(count: number, hours: number): number {
  if (!(hours > 0)) throw new RangeError(`hours must be positive, got ${hours}`);
  return count / hours;
}

export type QualityHistogramBin = { low: number; high: number; count: number };

/**
 * Equal-width bins over [0, 1] from sparse (bin, count) rows, as SQL's width_bucket returns them
 * (0-based here; the caller folds the value 1.0 into the top bin). Missing bins are empty.
 */
export function qualityHistogram(rows: readonly { bin: number; count: number }[], bins: number): QualityHistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const counts = new Array<number>(bins).fill(0);
  for (const r of rows) {
    if (!Number.isInteger(r.bin) || r.bin < 0 || r.bin >= bins) throw new RangeError(`bin ${r.bin} outside 0..${bins - 1}`);
    counts[r.bin]! += r.count;
  }
  return counts.map((count, b) => ({ low: b / bins, high: (b + 1) / bins, count }));
}
