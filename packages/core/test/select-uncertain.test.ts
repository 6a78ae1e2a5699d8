import { selectUncertain } from '../src/sampling/select-uncertain';
import { asSampleId } from '../src/words';

const c = (id: string, uncertainty: number) => ({ sampleId: asSampleId(id), uncertainty });

describe('selectUncertain', () => {
  const candidates = [c('s1', 0.1), c('s2', 0.9), c('s3', 0.5), c('s4', 0.7)];

  it('returns the most uncertain first, up to the room in the budget', () => {
    expect(selectUncertain(candidates, { openItems: 8, openItemBudget: 10 })).toEqual(['s2', 's4']);
    expect(selectUncertain(candidates, { openItems: 0, openItemBudget: 10 })).toEqual(['s2', 's4', 's3', 's1']);
  });

  it('returns nothing when the budget is full or exceeded', () => {
    expect(selectUncertain(candidates, { openItems: 10, openItemBudget: 10 })).toEqual([]);
    expect(selectUncertain(candidates, { openItems: 12, openItemBudget: 10 })).toEqual([]);
  });

  it('breaks ties by sampleId ascending, independent of input order', () => {
    const tied = [c('b', 0.5), c('c', 0.5), c('a', 0.5), c('z', 0.6)];
    expect(selectUncertain(tied, { openItems: 0, openItemBudget: 3 })).toEqual(['z', 'a', 'b']);
    expect(selectUncertain([...tied].reverse(), { openItems: 0, openItemBudget: 3 })).toEqual(['z', 'a', 'b']);
  });

  it('orders ids by code unit, not locale (uppercase before lowercase)', () => {
    expect(selectUncertain([c('b', 0.5), c('B', 0.5), c('a', 0.5)], { openItems: 0, openItemBudget: 3 })).toEqual([
      'B',
      'a',
      'b',
    ]);
  });

  it('handles empty input and does not mutate the candidates', () => {
    expect(selectUncertain([], { openItems: 0, openItemBudget: 5 })).toEqual([]);
    const before = candidates.map((x) => x.sampleId);
    selectUncertain(candidates, { openItems: 0, openItemBudget: 5 });
    expect(candidates.map((x) => x.sampleId)).toEqual(before);
  });

  it('rejects NaN uncertainty and non-finite budgets', () => {
    expect(() => selectUncertain([c('x', Number.NaN)], { openItems: 0, openItemBudget: 5 })).toThrow(RangeError);
    expect(() => selectUncertain(candidates, { openItems: 0, openItemBudget: Number.NaN })).toThrow(RangeError);
  });
});
