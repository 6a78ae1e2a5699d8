import { datasetDiff, datasetDiffSummary, type DiffRow } from '../../src/datasets/diff';

const r = (key: string, label: string, split = 'train'): DiffRow => ({ key, label, split });
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
  }
  return out;
};

describe('datasetDiff', () => {
  const before = [r('a', 'match'), r('b', 'match'), r('c', 'no_match', 'dev'), r('d', 'match', 'test'), r('e', 'match')];
  const after = [r('b', 'match'), r('c', 'match', 'dev'), r('d', 'match', 'train'), r('e', 'no_match', 'test'), r('f', 'match')];

  it('lists added, removed, relabelled and moved rows in key order', async () => {
    const entries = await collect(datasetDiff(before, after));
    expect(entries.map((e) => (e.kind === 'changed' ? `${e.key}:${e.relabelled ? 'L' : ''}${e.movedSplit ? 'S' : ''}` : `${e.key}:${e.kind}`))).toEqual([
      'a:removed',
      'c:L',
      'd:S',
      'e:LS',
      'f:added',
    ]);
    const c = entries[1]!;
    expect(c.kind === 'changed' && [c.before.label, c.after.label]).toEqual(['no_match', 'match']);
  });

  it('summarises with counts, unchanged included', async () => {
    expect(await datasetDiffSummary(before, after)).toEqual({ added: 1, removed: 1, relabelled: 2, movedSplit: 2, unchanged: 1 });
    expect(await datasetDiffSummary([], after)).toEqual({ added: 5, removed: 0, relabelled: 0, movedSplit: 0, unchanged: 0 });
    expect(await datasetDiffSummary(before, before)).toEqual({ added: 0, removed: 0, relabelled: 0, movedSplit: 0, unchanged: 5 });
  });

  it('streams from async sources', async () => {
    async function* gen(rows: DiffRow[]) {
      yield* rows;
    }
    expect(await datasetDiffSummary(gen(before), gen(after))).toEqual(await datasetDiffSummary(before, after));
  });

  it('refuses unsorted or repeated keys rather than give a wrong diff', async () => {
    await expect(collect(datasetDiff([r('b', 'x'), r('a', 'x')], []))).rejects.toThrow(/before rows must be sorted/);
    await expect(collect(datasetDiff([], [r('a', 'x'), r('a', 'x')]))).rejects.toThrow(/after rows must be sorted/);
  });

  it('holds one row per side: a long diff runs on generators', async () => {
    function* many(n: number, label: string) {
      for (let i = 0; i < n; i++) {
        yield r(String(i).padStart(7, '0'), i % 1000 === 0 ? label : 'same');
      }
    }
    expect(await datasetDiffSummary(many(200_000, 'x'), many(200_000, 'y'))).toMatchObject({ relabelled: 200, unchanged: 199_800 });
  });
});
