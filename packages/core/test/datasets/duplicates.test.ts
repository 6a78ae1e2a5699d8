import { duplicateFindings, type KeyedRow } from '../../src/datasets/duplicates';

const r = (itemId: string, key: string, label = 'match'): KeyedRow => ({ itemId, key, label });
const summary = (rows: KeyedRow[], parent = new Map<string, { itemId: string; label: string }>()) =>
  duplicateFindings(rows, parent).map((f) => (f ? `${f.code}>${f.related?.itemId}` : 'keep'));

describe('duplicateFindings', () => {
  it('keeps distinct keys', () => {
    expect(summary([r('a', 'k1'), r('b', 'k2')])).toEqual(['keep', 'keep']);
  });

  it('keeps the smallest itemId of a key and marks the others duplicates of it, in any order', () => {
    expect(summary([r('c', 'k'), r('a', 'k'), r('b', 'k')])).toEqual(['duplicate>a', 'keep', 'duplicate>a']);
    expect(summary([r('b', 'k'), r('c', 'k'), r('a', 'k')])).toEqual(['duplicate>a', 'duplicate>a', 'keep']);
  });

  it('marks every row of a key settled with different labels as a conflict', () => {
    const out = duplicateFindings([r('a', 'k', 'match'), r('b', 'k', 'no_match'), r('c', 'k', 'match')], new Map());
    expect(out.map((f) => f?.code)).toEqual(['conflict', 'conflict', 'conflict']);
    expect(out[0]!.message).toBe("same pair settled as 'match' and 'no_match' (here 'match', row b 'no_match')");
    expect(out[1]!.related).toEqual({ itemId: 'a', in: 'candidate', label: 'match' });
  });

  it('compares with the parent: same label is a duplicate, another label a conflict', () => {
    const parent = new Map([['k', { itemId: 'p1', label: 'match' }]]);
    const out = duplicateFindings([r('a', 'k', 'match'), r('b', 'k', 'no_match'), r('c', 'other')], parent);
    expect(out.map((f) => (f ? `${f.code}>${f.related?.itemId}/${f.related?.in}` : 'keep'))).toEqual([
      'duplicate>p1/parent',
      'conflict>p1/parent',
      'keep',
    ]);
    expect(out[1]!.message).toBe("same pair as row p1 of the parent version, labelled 'match' there and 'no_match' here");
  });
});
