import { reaggregationFit } from '../../src/aggregation/reaggregation-plan';
import { rngFromSeed } from '../../src/rng';
import { accuracyOf, honest, simulateLabels, spammer, type Confusion } from '../fixtures/crowd-labels';

// A refit starts from the last fit's model: it must land where a cold fit lands, in fewer steps.

const workers: Confusion[] = Array.from({ length: 80 }, (_, w) => (w % 5 === 4 ? spammer() : honest(0.65 + (w % 7) * 0.04)));
const { crowd, truth } = simulateLabels(rngFromSeed('warm'), { nItems: 3000, perItem: 5, workers });
const gold = new Int32Array(crowd.nItems).fill(-1);
for (let i = 0; i < crowd.nItems; i += 40) gold[i] = truth[i]!;

/** The first `share` of the labels: what the last fit saw. */
function prefix(share: number) {
  const n = Math.round(crowd.item.length * share);
  return { ...crowd, item: crowd.item.subarray(0, n), worker: crowd.worker.subarray(0, n), label: crowd.label.subarray(0, n) };
}

describe('reaggregationFit warm start', () => {
  it('on the same labels converges at once to the same posteriors', () => {
    const cold = reaggregationFit({ labels: crowd, gold }).fit;
    const warm = reaggregationFit({ labels: crowd, gold, warmStart: cold }).fit;
    expect(cold.iterations).toBeGreaterThan(5);
    expect(warm.iterations).toBeLessThanOrEqual(2);
    let worst = 0;
    for (let j = 0; j < cold.posteriors.length; j++) worst = Math.max(worst, Math.abs(cold.posteriors[j]! - warm.posteriors[j]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it('after 10 % more labels takes fewer iterations than a cold fit and is as accurate', () => {
    const before = reaggregationFit({ labels: prefix(0.9), gold }).fit;
    const cold = reaggregationFit({ labels: crowd, gold }).fit;
    const warm = reaggregationFit({ labels: crowd, gold, warmStart: before }).fit;
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    const accCold = accuracyOf(cold.posteriors, truth, 2);
    const accWarm = accuracyOf(warm.posteriors, truth, 2);
    expect(Math.abs(accCold - accWarm)).toBeLessThan(0.002);
    expect(accWarm).toBeGreaterThan(0.85);
  });
});
