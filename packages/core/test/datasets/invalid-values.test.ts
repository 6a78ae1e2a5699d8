import { invalidValueFindings } from '../../src/checks/invalid-values';
import { textBrokenUnicode } from '../../src/checks/unicode';
import { normaliseText } from '../../src/datasets/normalise';

const opts = { labels: ['match', 'no_match'], maxTextLength: 20 };
const row = (over: Partial<{ textA: string; textB: string; label: string }> = {}) => ({
  textA: 'look after my cat',
  textB: 'pet sitting',
  label: 'match',
  ...over,
});
const codes = (r: ReturnType<typeof row>) => invalidValueFindings(r, opts).map((f) => `${f.code}:${f.field}`);

describe('invalidValueFindings', () => {
  it('passes a good row', () => {
    expect(invalidValueFindings(row(), opts)).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['tabs and newlines', '\t\r\n'],
    ['zero-width spaces only', '\u200b\u200b'],
    ['a BOM and a non-breaking space', '\ufeff\u00a0'],
  ])('reports a text that is %s as empty', (_name, text) => {
    expect(codes(row({ textB: text }))).toEqual(['empty_text:textB']);
  });

  it('counts length in code points: an emoji is one character', () => {
    expect(codes(row({ textA: '😀'.repeat(20) }))).toEqual([]);
    expect(codes(row({ textA: '😀'.repeat(21) }))).toEqual(['text_too_long:textA']);
    expect(codes(row({ textA: 'x'.repeat(21) }))).toEqual(['text_too_long:textA']);
  });

  it.each([
    ['a lone high surrogate', 'cat \ud800'],
    ['a lone low surrogate', '\udc00 cat'],
    ['swapped surrogates', '\ude00\ud83d'],
    ['U+FFFD', 'caf\ufffd'],
    ['a NUL', 'cat\u0000'],
    ['a C1 control', 'cat\u0085'],
    ['DEL', 'cat\u007f'],
  ])('reports %s as broken unicode', (_name, text) => {
    expect(codes(row({ textA: text }))).toEqual(['broken_unicode:textA']);
  });

  it('allows tabs, newlines, emoji and combining accents', () => {
    expect(codes(row({ textA: 'a\tb\r\nc', textB: '😀 cafe\u0301' }))).toEqual([]);
  });

  it('reports labels outside the label set, case-sensitively', () => {
    expect(codes(row({ label: 'Match' }))).toEqual(['unknown_label:label']);
  });

  it('reports every problem at once, in field order', () => {
    expect(codes({ textA: '', textB: 'x\ud800' + 'y'.repeat(30), label: 'nope' })).toEqual([
      'empty_text:textA',
      'broken_unicode:textB',
      'text_too_long:textB',
      'unknown_label:label',
    ]);
  });

  it('says what is broken, in words', () => {
    expect(textBrokenUnicode('a\u0007')).toBe('control character U+0007');
    expect(invalidValueFindings(row({ textB: '\ud800' }), opts)[0]!.message).toBe(
      'textB contains broken unicode (a lone surrogate)',
    );
  });

  it('calls a text empty exactly when it normalises to nothing (every code point that could)', () => {
    // Planes 0–2 hold every whitespace, control and compatibility character, plane 14 the tag
    // characters (format, Cf); the other planes have nothing NFKC or casing changes.
    const codePoints = function* () {
      for (let cp = 0; cp <= 0x2ffff; cp++) {
        if (cp < 0xd800 || cp > 0xdfff) {
          yield cp;
        }
      }
      for (let cp = 0xe0000; cp <= 0xe0fff; cp++) {
        yield cp;
      }
    };
    const mismatches: number[] = [];
    for (const cp of codePoints()) {
      const s = String.fromCodePoint(cp);
      const empty = invalidValueFindings(row({ textA: s }), { ...opts, labels: ['match'] }).some((f) => f.code === 'empty_text');
      if (empty !== (normaliseText(s) === '')) {
        mismatches.push(cp);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
