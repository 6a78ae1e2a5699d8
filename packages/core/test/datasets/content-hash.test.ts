import { createHash } from 'node:crypto';
import { datasetCanonicalSerialisation } from '../../src/datasets/canonical';
import { checkCandidateRows, type CandidateRow } from '../../src/datasets/check-candidate-rows';
import { contentHashUpdate, contentHashUpdateSorted } from '../../src/datasets/content-hash';
import { datasetSettingsParse } from '../../src/datasets/dataset-config';
import { rngFromSeed, rngShuffle } from '../../src/rng';

const sha = (rows: { itemId: string }[]) => {
  const h = createHash('sha256');
  contentHashUpdate(h, rows);
  return h.digest('hex');
};
const rows = [
  { itemId: 'i3', label: 'match', textA: 'c', textB: 'd', split: 'train' },
  { textB: 'b', label: 'no_match', itemId: 'i1', textA: 'a', split: 'test' },
  { itemId: 'i2', textA: 'e', textB: 'f', label: 'match', split: 'dev', provenance: { votes: { match: 4, no_match: 1 } } },
];

describe('contentHashUpdate', () => {
  it('hashes exactly the canonical serialisation', () => {
    expect(sha(rows)).toBe(createHash('sha256').update(datasetCanonicalSerialisation(rows)).digest('hex'));
    expect(sha([])).toBe(createHash('sha256').update('').digest('hex'));
  });

  it('is the same for the same rows in any order, and different when a row changes', () => {
    const expected = sha(rows);
    for (let seed = 0; seed < 20; seed++) {
      expect(sha(rngShuffle(rngFromSeed(seed), rows))).toBe(expected);
    }
    expect(sha(rows.map((r) => (r.itemId === 'i2' ? { ...r, split: 'test' } : r)))).not.toBe(expected);
  });

  it('stays order-free with repeated itemIds', () => {
    const dup = [
      { itemId: 'x', label: 'b' },
      { itemId: 'x', label: 'a' },
    ];
    expect(sha(dup)).toBe(sha([...dup].reverse()));
  });

  it('streams sorted rows to the same hash, and refuses unsorted ones', async () => {
    const sorted = [...rows].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
    async function* stream() {
      yield* sorted;
    }
    const h = createHash('sha256');
    expect(await contentHashUpdateSorted(h, stream())).toBe(3);
    expect(h.digest('hex')).toBe(sha(rows));
    await expect(contentHashUpdateSorted(createHash('sha256'), rows)).rejects.toThrow(/must be sorted by itemId/);
  });
});

describe('a merged version’s content hash', () => {
  it('is the same whatever order the settled rows were merged in', () => {
    const rng = rngFromSeed(3);
    const settled: CandidateRow[] = Array.from({ length: 300 }, (_, i) => ({
      itemId: `item-${String(i).padStart(4, '0')}`,
      textA: `request ${Math.floor(rng() * 120)} about pets`, // repeats make duplicates and conflicts
      textB: 'offer',
      label: rng() < 0.5 ? 'match' : 'no_match',
    }));
    const config = { ...datasetSettingsParse({}), labels: ['match', 'no_match'], maxTextLength: 1000 };
    const versionHash = (input: CandidateRow[]) => {
      const { verdicts } = checkCandidateRows(input, [], config);
      const byId = new Map(input.map((r) => [r.itemId, r]));
      const accepted = verdicts.flatMap((v) => (v.status === 'accepted' ? [{ ...byId.get(v.itemId)!, split: v.split }] : []));
      return { hash: sha(accepted), rows: accepted.length };
    };
    const first = versionHash(settled);
    expect(first.rows).toBeGreaterThan(50);
    expect(first.rows).toBeLessThan(300);
    for (let seed = 0; seed < 5; seed++) {
      expect(versionHash(rngShuffle(rngFromSeed(seed), settled))).toEqual(first);
    }
  });
});
