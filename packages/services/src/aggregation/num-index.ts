/**
 * Ranks of item nums (the numbering the fit uses) and a num → rank lookup: through an array over
 * the project's range of nums when it is dense enough (it is, unless other projects' items
 * interleave heavily), else through a Map.
 */
export function numIndex(nums: Float64Array): { order: Int32Array; rank: (num: number) => number } {
  const n = nums.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (nums[i]! < min) min = nums[i]!;
    if (nums[i]! > max) max = nums[i]!;
  }
  const span = n > 0 ? max - min + 1 : 0;
  const order = new Int32Array(n);
  if (span <= Math.max(1024, 8 * n)) {
    // slot: num − min → the item's row, then → its rank.
    const slot = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) slot[nums[i]! - min] = i;
    for (let s = 0, r = 0; s < span; s++) {
      if (slot[s]! < 0) continue;
      order[r] = slot[s]!;
      slot[s] = r++;
    }
    return { order, rank: (num) => (num >= min && num <= max ? slot[num - min]! : -1) };
  }
  const sorted = Float64Array.from(nums).sort();
  const row = new Map<number, number>();
  for (let i = 0; i < n; i++) row.set(nums[i]!, i);
  const rankOf = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    order[k] = row.get(sorted[k]!)!;
    rankOf.set(sorted[k]!, k);
  }
  return { order, rank: (num) => rankOf.get(num) ?? -1 };
}
