import { normalisePair, normaliseText, pairKey, pairKeySides, PAIR_KEY_SEPARATOR } from '../../src/datasets/normalise';

const asym = { symmetric: false };
const sym = { symmetric: true };

describe('normaliseText', () => {
  it.each([
    ['case', 'Look After My CAT', 'look after my cat'],
    ['whitespace runs, tabs, newlines and ends', '  look\tafter \n\n my   cat ', 'look after my cat'],
    ['non-breaking and ideographic spaces', 'look\u00a0after\u3000cat', 'look after cat'],
    ['full-width letters and digits (NFKC)', 'Ｃａｔ １２', 'cat 12'],
    ['ligatures and circled digits (NFKC)', 'ﬁne ①', 'fine 1'],
    ['combining accent vs precomposed', 'cafe\u0301', 'café'],
    ['zero-width space, joiner, BOM, soft hyphen', '\ufeffca\u200bt\u200d pe\u00adt', 'cat pet'],
    ['bidi marks', '\u200ecat\u200f', 'cat'],
    ['control characters become spaces', 'cat\u0000dog\u0007', 'cat dog'],
    ['ß folds to ss (full case folding)', 'Straße', 'strasse'],
    ['final sigma folds like sigma', 'ΣΊΣΥΦΟΣ', normaliseText('σίσυφοσ')],
  ])('folds %s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('keeps accents and words apart: near, not equal', () => {
    expect(normaliseText('résumé')).not.toBe(normaliseText('resume'));
  });

  it('is idempotent on every trap above', () => {
    for (const s of ['Ｃａｔ', 'cafe\u0301', 'İstanbul', 'Straße', ' a\u200b b ', 'ﬁ']) {
      expect(normaliseText(normaliseText(s))).toBe(normaliseText(s));
    }
  });

  it('leaves lone surrogates alone (the invalid-value check reports them)', () => {
    expect(normaliseText('a\ud800')).toBe('a\ud800');
  });

  it('gives the same answer on the ASCII fast path and the full path', () => {
    // The trailing zero-width space forces the full path for the same visible text.
    for (const s of ['Hello  World ', 'A-B_c!  ?', '   ']) {
      expect(normaliseText(s)).toBe(normaliseText(`${s}\u200b`));
    }
  });
});

describe('pairKey', () => {
  it('is equal for pairs that differ only in normalisation', () => {
    expect(pairKey('My Cat', 'Pet  sitting', asym)).toBe(pairKey('my\u200b cat', 'ＰＥＴ sitting', asym));
  });

  it('keeps the swapped pair apart unless the relation is symmetric', () => {
    expect(pairKey('a cat', 'a dog', asym)).not.toBe(pairKey('a dog', 'a cat', asym));
    expect(pairKey('a cat', 'a dog', sym)).toBe(pairKey('a dog', 'a cat', sym));
    expect(pairKey('A Cat', 'a dog', sym)).toBe(pairKey('a DOG', 'a cat', sym));
  });

  it('cannot confuse where one text ends and the other starts', () => {
    expect(pairKey('a b', 'c', asym)).not.toBe(pairKey('a', 'b c', asym));
    expect(pairKey(`a${PAIR_KEY_SEPARATOR}b`, 'c', asym)).not.toBe(pairKey('a', `b${PAIR_KEY_SEPARATOR}c`, asym));
  });

  it('splits back into its two normalised sides', () => {
    const p = normalisePair('B side', 'A side', sym);
    expect([p.a, p.b]).toEqual(['a side', 'b side']);
    expect(pairKeySides(p.key)).toEqual(['a side', 'b side']);
  });
});
