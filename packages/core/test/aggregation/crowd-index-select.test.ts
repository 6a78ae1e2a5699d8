import { crowdIndex, crowdIndexSelect, type CrowdLabels } from '../../src/aggregation/crowd-labels';
import { rngFromSeed, rngShuffle } from '../../src/rng';
import { honest, simulateLabels, spammer } from '../fixtures/crowd-labels';

// Re-aggregation scores a subset of items from their counted labels only; it reads that subset off
// the full index instead of sorting the labels again. It must be the index of the subset's labels.
describe('crowdIndexSelect', () => {
  const rng = rngFromSeed('crowd-index-select');
  const { crowd } = simulateLabels(rng, { nItems: 400, perItem: 5, workers: [...Array.from({ length: 12 }, () => honest(0.8, 3)), spammer(3), spammer(3)] });
  // Item 6 gets 90 more labels (over 64: the library-sort path), then all are shuffled, so the
  // full index really has to reorder.
  const extra = 90;
  const all = {
    item: [...crowd.item, ...Array.from({ length: extra }, () => 6)],
    worker: [...crowd.worker, ...Array.from({ length: extra }, (_, k) => k % crowd.nWorkers)],
    label: [...crowd.label, ...Array.from({ length: extra }, (_, k) => (k * 7) % 3)],
  };
  const order = rngShuffle(rng, Array.from({ length: all.item.length }, (_, j) => j));
  const labels: CrowdLabels = { ...crowd, item: Int32Array.from(order, (j) => all.item[j]!), worker: Int32Array.from(order, (j) => all.worker[j]!), label: Int32Array.from(order, (j) => all.label[j]!) };
  const keep = Uint8Array.from(labels.item, (_, j) => (rng() < 0.8 ? 1 : 0));
  const items = Array.from({ length: labels.nItems }, (_, i) => i).filter((i) => i % 3 !== 1);

  it('equals crowdIndex over the kept labels of the chosen items, renumbered', () => {
    const slot = new Int32Array(labels.nItems).fill(-1);
    items.forEach((i, s) => (slot[i] = s));
    const js = Array.from({ length: labels.item.length }, (_, j) => j).filter((j) => keep[j] === 1 && slot[labels.item[j]!]! >= 0);
    const sub: CrowdLabels = {
      item: Int32Array.from(js, (j) => slot[labels.item[j]!]!),
      worker: Int32Array.from(js, (j) => labels.worker[j]!),
      label: Int32Array.from(js, (j) => labels.label[j]!),
      nItems: items.length,
      nWorkers: labels.nWorkers,
      nClasses: labels.nClasses,
    };
    const expected = crowdIndex(sub);
    const got = crowdIndexSelect(crowdIndex(labels, { source: true }), items, keep);
    expect(got).toEqual(expected);
    expect(got.worker.length).toBeGreaterThan(0);
    expect(got.worker.length).toBeLessThan(labels.item.length * 0.7);
  });

  it('records where each label came from, and refuses an index without it or unordered items', () => {
    const index = crowdIndex(labels, { source: true });
    for (let p = 0; p < index.worker.length; p += 97) {
      const j = index.source![p]!;
      expect([labels.worker[j], labels.label[j]]).toEqual([index.worker[p], index.label[p]]);
    }
    expect(() => crowdIndexSelect(crowdIndex(labels), items, keep)).toThrow(/source/);
    expect(() => crowdIndexSelect(index, [3, 2], keep)).toThrow(/ascending/);
  });
});
