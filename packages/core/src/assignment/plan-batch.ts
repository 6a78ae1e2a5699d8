import type { Rng } from '../rng';

/**
 * How a batch is put together: how many gold items it carries and where they sit.
 * Gold only measures a labeller if it is indistinguishable from regular work, so its count
 * follows the project ratio and its positions are random.
 */

function planBatchCheckCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative whole number, got ${n}`);
  }
}

export function planBatchGoldCount(args: {
  batchSize: number;
  goldRatio: number;
  regularAvailable: number;
  goldAvailable: number;
}): number {
  const { batchSize, goldRatio, regularAvailable, goldAvailable } = args;
  planBatchCheckCount('batchSize', batchSize);
  planBatchCheckCount('regularAvailable', regularAvailable);
  planBatchCheckCount('goldAvailable', goldAvailable);
  if (!(goldRatio >= 0 && goldRatio <= 1)) {
    throw new RangeError(`goldRatio must be in [0, 1], got ${goldRatio}`);
  }
  // A batch of only gold would tell the labeller every answer is a control.
  if (regularAvailable === 0 || goldRatio === 0) {
    return 0;
  }
  // The epsilon makes halves round up even when the product lands a hair below .5
  // (0.35 × 10 = 3.4999999999999996 in binary floating point).
  let count = Math.round(batchSize * goldRatio + 1e-9);
  // Every batch of two or more gets a control, else a small-batch project measures nobody.
  if (batchSize >= 2) {
    count = Math.max(count, 1);
  }
  // Keep at least one regular slot: the same exposure argument as above, for a batch of one.
  count = Math.min(count, batchSize - 1, goldAvailable);
  return Math.max(0, count);
}

export type PlannedEntry<T> = { entry: T; gold: boolean };

/**
 * Places the gold entries at a uniformly random subset of positions, keeping the relative order
 * of the regular entries (they come prioritised) and of the gold entries. Positions are drawn by
 * selection sampling (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S): at each slot, gold is taken with
 * probability goldLeft / slotsLeft, which makes every set of gold positions equally likely.
 */
export function planBatchOrder<T>(
  rng: Rng,
  regular: readonly T[],
  gold: readonly T[],
): PlannedEntry<T>[] {
  const out: PlannedEntry<T>[] = [];
  let r = 0;
  let g = 0;
  const total = regular.length + gold.length;
  for (let slot = 0; slot < total; slot++) {
    const goldLeft = gold.length - g;
    const slotsLeft = total - slot;
    // Index checks rather than `=== undefined`, so T may itself include undefined.
    const takeGold = g < gold.length && (r >= regular.length || rng() < goldLeft / slotsLeft);
    if (takeGold) {
      out.push({ entry: gold[g] as T, gold: true });
      g++;
    } else {
      out.push({ entry: regular[r] as T, gold: false });
      r++;
    }
  }
  return out;
}
