/**
 * Whether a labeller should stop receiving batches for now: too many of their recent decided
 * batches were rejected. A single rejection never pauses anyone (one unlucky batch happens to
 * honest labellers); the default is 2 of the last 3.
 */
export type PauseDecision = { pause: boolean; reason: string | null };

export const PAUSE_DEFAULTS = { rejectedOfLast: [2, 3] as const };

/** recent: decided batches, oldest → newest. */
export function pauseDecision(
  recent: readonly ('accepted' | 'rejected')[],
  opts: { rejectedOfLast?: [number, number] } = {},
): PauseDecision {
  const [needed, last] = opts.rejectedOfLast ?? PAUSE_DEFAULTS.rejectedOfLast;
  if (!Number.isInteger(needed) || !Number.isInteger(last) || needed < 2 || last < needed) {
    throw new RangeError('rejectedOfLast must be [n, m] with integers 2 ≤ n ≤ m');
  }
  const window = recent.slice(Math.max(0, recent.length - last));
  const rejected = window.filter((r) => r === 'rejected').length;
  if (rejected < needed) {
    return { pause: false, reason: null };
  }
  return { pause: true, reason: `${rejected} of your last ${window.length} batches were rejected` };
}
