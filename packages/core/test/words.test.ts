import { asItemId, asProbability, asSampleId, asSeconds } from '../src/words';

describe('words', () => {
  it('casts ids and units without changing the value', () => {
    expect(asItemId('item-1')).toBe('item-1');
    expect(asSampleId('s')).toBe('s');
    expect(asSeconds(1.5)).toBe(1.5);
  });

  it('accepts probabilities in [0, 1] and rejects the rest', () => {
    expect(asProbability(0)).toBe(0);
    expect(asProbability(1)).toBe(1);
    expect(() => asProbability(-0.01)).toThrow(RangeError);
    expect(() => asProbability(1.01)).toThrow(RangeError);
    expect(() => asProbability(Number.NaN)).toThrow(RangeError);
  });
});
