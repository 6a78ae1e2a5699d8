import type { CrowdIndex } from './crowd-labels';
import { DAWID_SKENE_PRODUCT_FLOOR, dawidSkeneLogScores, type DawidSkeneWork } from './dawid-skene-steps';

// A local copy: compiled to CommonJS (tsx, ts-jest) an imported binding is a getter on the other
// module's exports, called twice per item per iteration here: ~20 % of a million-label fit.
const PRODUCT_FLOOR = DAWID_SKENE_PRODUCT_FLOOR;

/**
 * dawidSkeneEStep for two classes, the default label set (match / no_match): the same arithmetic
 * with the two scores in locals instead of a scratch array and the class loop unrolled, which
 * makes the E-step, the hot loop of a fit, 2–3× faster (bench/aggregate.ts).
 */
export function dawidSkeneEStepBinary(index: CrowdIndex, post: Float64Array, gold: Int32Array | null, work: DawidSkeneWork): number {
  const { nItems, itemStart, cell } = index;
  const { likelihood, classPrior, counts, classTotals, scores } = work;
  counts.fill(0);
  const prior0 = classPrior[0]!;
  const prior1 = classPrior[1]!;
  let total0 = 0;
  let total1 = 0;
  let maxDelta = 0;
  for (let i = 0; i < nItems; i++) {
    const from = itemStart[i]!;
    const end = itemStart[i + 1]!;
    const g = gold === null ? -1 : gold[i]!;
    let s0 = prior0;
    let s1 = prior1;
    if (g >= 0) {
      s0 = g === 0 ? 1 : 0;
      s1 = 1 - s0;
    } else {
      for (let p = from; p < end; p++) {
        const c = cell[p]!;
        s0 *= likelihood[c]!;
        s1 *= likelihood[c + 1]!;
      }
      if (s0 < PRODUCT_FLOOR && s1 < PRODUCT_FLOOR) {
        dawidSkeneLogScores(index, i, work);
        s0 = scores[0]!;
        s1 = scores[1]!;
      }
    }
    const v0 = s0 / (s0 + s1);
    const v1 = s1 / (s0 + s1);
    const d = v0 > post[2 * i]! ? v0 - post[2 * i]! : post[2 * i]! - v0;
    if (d > maxDelta) maxDelta = d;
    post[2 * i] = v0;
    post[2 * i + 1] = v1;
    total0 += v0;
    total1 += v1;
    for (let p = from; p < end; p++) {
      const c = cell[p]!;
      counts[c]! += v0;
      counts[c + 1]! += v1;
    }
  }
  classTotals[0] = total0;
  classTotals[1] = total1;
  return maxDelta;
}
