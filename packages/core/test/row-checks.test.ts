import { checkDatasetRow } from '../src/checks/row-checks';
import { textHasLoneSurrogate, textIsBlank, textLength } from '../src/checks/text';

const opts = { labels: ['match', 'no_match'], maxTextLength: 10000 };
const row = (over: Partial<{ textA: string; textB: string; label: string }> = {}) => ({
  textA: 'I want someone to look after my cat',
  textB: 'I can provide pet sitting',
  label: 'match',
  ...over,
});

describe('checkDatasetRow', () => {
  it('passes a good row', () => {
    expect(checkDatasetRow(row(), opts)).toBeNull();
  });

  it('reports empty or whitespace-only text', () => {
    expect(checkDatasetRow(row({ textA: '' }), opts)).toBe('textA is empty');
    expect(checkDatasetRow(row({ textB: ' \n\t' }), opts)).toBe('textB is empty');
  });

  it('reports text over the limit, and allows text exactly at it', () => {
    expect(checkDatasetRow(row({ textB: 'x'.repeat(10001) }), opts)).toBe('textB is longer than 10000 characters');
    expect(checkDatasetRow(row({ textB: 'x'.repeat(10000) }), opts)).toBeNull();
  });

  it('counts an emoji as one character', () => {
    expect(checkDatasetRow(row({ textA: '😀'.repeat(3), textB: 'ok' }), { ...opts, maxTextLength: 3 })).toBeNull();
    expect(checkDatasetRow(row({ textA: '😀'.repeat(4), textB: 'ok' }), { ...opts, maxTextLength: 3 })).toBe(
      'textA is longer than 3 characters',
    );
  });

  it('reports labels outside the label set', () => {
    expect(checkDatasetRow(row({ label: 'x' }), opts)).toBe("label 'x' is not in the label set");
  });

  it('reports lone surrogates in either text', () => {
    expect(checkDatasetRow(row({ textA: 'bad \ud800 text' }), opts)).toBe(
      'textA contains broken unicode (lone surrogate)',
    );
    expect(checkDatasetRow(row({ textB: '\udc00 leading low' }), opts)).toBe(
      'textB contains broken unicode (lone surrogate)',
    );
  });

  it('reports the first problem in field order', () => {
    expect(checkDatasetRow({ textA: '', textB: '', label: 'x' }, opts)).toBe('textA is empty');
    expect(checkDatasetRow(row({ textB: '', label: 'x' }), opts)).toBe('textB is empty');
  });
});

describe('text helpers', () => {
  it('textLength counts code points', () => {
    expect(textLength('')).toBe(0);
    expect(textLength('abc')).toBe(3);
    expect(textLength('a😀b')).toBe(3);
  });

  it('textHasLoneSurrogate accepts proper pairs and flags lone halves', () => {
    expect(textHasLoneSurrogate('😀')).toBe(false);
    expect(textHasLoneSurrogate('\ud83d')).toBe(true);
    expect(textHasLoneSurrogate('x\ude00')).toBe(true);
    expect(textHasLoneSurrogate('\ude00\ud83d')).toBe(true);
  });

  it('textIsBlank treats whitespace as blank', () => {
    expect(textIsBlank('  ')).toBe(true);
    expect(textIsBlank(' a ')).toBe(false);
  });
});
