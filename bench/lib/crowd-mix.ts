import { rngFromSeed } from '@quorum/core';
import { biased, flipper, honest, spammer, type Confusion } from '../../packages/core/test/fixtures/crowd-labels';

/**
 * The synthetic crowd of the issue-4 benchmarks (aggregate, reaggregate): 65 % honest (accuracy
 * 0.6–0.95), 10 % class-biased, 15 % random, 5 % adversarial, 5 % experts, seeded.
 */
export function crowdMix(seed: string, workers: number): Confusion[] {
  const rng = rngFromSeed(`${seed}-workers`);
  return Array.from({ length: workers }, () => {
    const u = rng();
    if (u < 0.65) return honest(0.6 + 0.35 * rng());
    if (u < 0.75) return biased(rng() < 0.5 ? 0 : 1, 0.6, 0.8);
    if (u < 0.9) return spammer();
    if (u < 0.95) return flipper(0.7);
    return honest(0.97);
  });
}
