import { MAX_CELLS, tokenize, wordDiff } from '../src/expert/wordDiff';

const only = (tokens: { text: string; only: boolean }[]) => tokens.filter((t) => t.only).map((t) => t.text);
const shared = (tokens: { text: string; shared: boolean }[]) => tokens.filter((t) => t.shared).map((t) => t.text);

describe('wordDiff', () => {
  it('marks the words that only one text has, ignoring case, keeping punctuation apart', () => {
    const d = wordDiff('I need a Plumber, today!', 'Plumber available today.');
    expect(d.compared).toBe(true);
    expect(only(d.a)).toEqual(['I', 'need', 'a', ',', '!']);
    expect(only(d.b)).toEqual(['available', '.']);
    expect(d.a.map((t) => t.text).join('')).toBe('I need a Plumber, today!');
  });

  it('keeps contractions and accents in one word, and whitespace (newlines too) as it was', () => {
    expect(tokenize("don't café\n\nok")).toEqual(["don't", ' ', 'café', '\n\n', 'ok']);
    const d = wordDiff('same start, middle A, same end', 'same start, middle B, same end');
    expect(only(d.a)).toEqual(['A']);
    expect(only(d.b)).toEqual(['B']);
  });

  it('identical texts have nothing marked; empty ones are fine', () => {
    expect(only(wordDiff('a b c', 'A B C').a)).toEqual([]);
    expect(wordDiff('', 'x')).toEqual({ a: [], b: [{ text: 'x', only: true, shared: false }], compared: true, sharedRatio: 0 });
  });

  it('finds the content words both texts use, in any order, plurals alike, common words left out', () => {
    const d = wordDiff('I want someone to look after my cat at the weekend', 'Pet sitting for cats: weekends, and I look after dogs too');
    expect(shared(d.a)).toEqual(['look', 'after', 'cat', 'weekend']);
    expect(shared(d.b)).toEqual(['cats', 'weekends', 'look', 'after']);
    expect(d.sharedRatio).toBeLessThan(0.5);
    expect(wordDiff('a b c d', 'a b c e').sharedRatio).toBeCloseTo(0.75);
  });

  it('gives up (marks nothing) past the size limit, after trimming the shared start and end', () => {
    const n = Math.ceil(Math.sqrt(MAX_CELLS)) + 10;
    const a = Array.from({ length: n }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: n }, (_, i) => `b${i}`).join(' ');
    expect(wordDiff(a, b).compared).toBe(false);
    // The same length but differing in one word in the middle compares easily.
    const c = a.replace('a7 ', 'x7 ');
    const d = wordDiff(a, c);
    expect(d.compared).toBe(true);
    expect(only(d.b)).toEqual(['x7']);
  });
});
