import { ZSampleRecordInput } from '../src/ingest/sample-record';
import { errorsOf, rowOf, rules, sample } from './ingest-fixtures';

describe('ingest record: required fields and types', () => {
  it('reads a snake_case line and fills the defaults', () => {
    expect(rowOf(sample())).toMatchObject({
      externalId: 'p-1',
      textA: 'I want someone to look after my cat',
      textB: 'I can provide pet sitting',
      modelLabel: 'match',
      modelProbs: { match: 0.7, no_match: 0.3 },
      predictions: null,
      modelVersion: null,
      metadataJson: null,
      goldLabel: null,
    });
  });

  it('names missing and mistyped fields', () => {
    expect(errorsOf({ external_id: 7, text_a: 'a' })).toEqual([
      { field: 'external_id', message: 'external_id must be a string, got a number' },
      { field: 'text_b', message: 'text_b is required' },
      { field: 'prediction', message: 'prediction is required (label → probability, or predictions with several passes)' },
    ]);
  });

  it('reports a line that is not an object', () => {
    for (const [line, got] of [['[1, 2]', 'an array'], ['"text"', 'a string'], ['null', 'null'], ['3', 'a number']] as const) {
      expect(errorsOf(line)).toEqual([{ field: '(line)', message: `each sample must be a JSON object, got ${got}` }]);
    }
  });

  it('names each unknown field', () => {
    expect(errorsOf(sample({ colour: 'red', score: 1 }))).toEqual([
      { field: 'colour', message: "unknown field 'colour'" },
      { field: 'score', message: "unknown field 'score'" },
    ]);
  });

  it('checks external_id: non-empty, at most 200 characters', () => {
    expect(errorsOf(sample({ external_id: '' }))).toEqual([{ field: 'external_id', message: 'external_id must not be empty' }]);
    expect(errorsOf(sample({ external_id: 'x'.repeat(201) }))).toEqual([{ field: 'external_id', message: 'external_id must be at most 200 characters' }]);
    expect(rowOf(sample({ external_id: 'x'.repeat(200) })).externalId).toHaveLength(200);
  });

  it('checks model_version and the labels', () => {
    expect(errorsOf(sample({ model_version: 'v'.repeat(101), model_label: 'yes', gold_label: 'no' }))).toEqual([
      { field: 'model_label', message: "model_label 'yes' is not in the label set (match, no_match)" },
      { field: 'model_version', message: 'model_version must be at most 100 characters' },
      { field: 'gold_label', message: "gold_label 'no' is not in the label set (match, no_match)" },
    ]);
    expect(errorsOf(sample({ model_version: 3 }))).toEqual([{ field: 'model_version', message: 'model_version must be a string, got a number' }]);
  });

  it('keeps the optional fields, and null means absent', () => {
    expect(rowOf(sample({ model_label: 'no_match', model_version: 'm-2024-06', gold_label: 'match', metadata: { b: 1, a: [true] } }))).toMatchObject({
      modelLabel: 'no_match',
      modelVersion: 'm-2024-06',
      goldLabel: 'match',
      metadataJson: '{"a":[true],"b":1}',
    });
    expect(rowOf(sample({ model_label: null, model_version: null, gold_label: null, metadata: null, predictions: null }))).toMatchObject({
      modelLabel: 'match',
      modelVersion: null,
      goldLabel: null,
      metadataJson: null,
      predictions: null,
    });
  });
});

describe('ingest record: camelCase aliases of the first format', () => {
  it('accepts them and reports errors under the name the producer used', () => {
    const old = { externalId: 'p-1', textA: 'a cat', textB: 'pet sitting', modelProbs: { match: 0.2, no_match: 0.8 }, modelVersion: 'v1', goldLabel: 'match' };
    expect(rowOf(old)).toMatchObject({ externalId: 'p-1', modelProbs: { match: 0.2, no_match: 0.8 }, modelLabel: 'no_match', modelVersion: 'v1', goldLabel: 'match' });
    expect(errorsOf({ ...old, textA: '', modelProbs: { match: 0.5, maybe: 0.5 } })).toEqual([
      { field: 'textA', message: 'textA is empty' },
      { field: 'modelProbs.maybe', message: "'maybe' is not in the label set (match, no_match)" },
    ]);
  });

  it('refuses one field under both names', () => {
    expect(errorsOf(sample({ textA: 'again' }))).toEqual([{ field: 'textA', message: 'textA and text_a are the same field; send only text_a' }]);
  });
});

describe('ingest record: unicode traps and huge texts', () => {
  it('counts code points, so emoji and astral characters count once', () => {
    expect(rowOf(sample({ text_a: '😺'.repeat(50) })).textA).toHaveLength(100);
    expect(errorsOf(sample({ text_a: '😺'.repeat(51) }))).toEqual([{ field: 'text_a', message: 'text_a is longer than 50 characters' }]);
    // e + combining acute is two code points, as PostgreSQL's char_length counts it.
    expect(errorsOf(sample({ text_b: 'e\u0301'.repeat(26) }))).toEqual([{ field: 'text_b', message: 'text_b is longer than 50 characters' }]);
  });

  it('rejects a huge text without choking', () => {
    const huge = { ...rules, maxTextLength: 100_000 };
    expect(errorsOf(sample({ text_a: 'x'.repeat(2_000_000) }), huge)).toEqual([{ field: 'text_a', message: 'text_a is longer than 100000 characters' }]);
    expect(rowOf(sample({ text_a: 'y'.repeat(100_000) }), huge).textA).toHaveLength(100_000);
  });

  it('rejects lone surrogates and NUL, which cannot be stored', () => {
    // JSON.stringify writes the lone surrogate as an escape, as a producer's JSON would.
    expect(errorsOf(sample({ text_b: 'a\ud800b' }))).toEqual([{ field: 'text_b', message: 'text_b contains broken unicode (lone surrogate)' }]);
    expect(errorsOf(sample({ text_a: 'a\u0000b' }))).toEqual([{ field: 'text_a', message: 'text_a contains a NUL character (U+0000), which cannot be stored' }]);
    expect(errorsOf(sample({ external_id: 'id\udc00' }))).toEqual([{ field: 'external_id', message: 'external_id contains broken unicode (lone surrogate)' }]);
    expect(rowOf(sample({ text_a: 'a \ud83d\ude3a pair' })).textA).toBe('a 😺 pair');
  });

  it('treats whitespace-only and invisible-only texts as empty', () => {
    expect(errorsOf(sample({ text_a: ' \t\n ' }))).toEqual([{ field: 'text_a', message: 'text_a is empty' }]);
    expect(errorsOf(sample({ text_a: '\u200b\u200d\ufeff', text_b: '\u2066\u2069' }))).toEqual([
      { field: 'text_a', message: 'text_a has no visible characters' },
      { field: 'text_b', message: 'text_b has no visible characters' },
    ]);
  });

  it('keeps texts exactly as sent (normalisation is only for the pair key)', () => {
    const row = rowOf(sample({ text_a: '  Ｃａｔ\u200b sitter ', text_b: 'Line one\nline\ttwo \\ end' }));
    expect(row.textA).toBe('  Ｃａｔ\u200b sitter ');
    expect(row.textB).toBe('Line one\nline\ttwo \\ end');
  });
});

describe('ZSampleRecordInput (the OpenAPI shape)', () => {
  it('accepts any label names and rejects unknown keys', () => {
    expect(ZSampleRecordInput.safeParse(sample({ prediction: { yes: 1 }, gold_label: 'yes' })).success).toBe(true);
    expect(ZSampleRecordInput.safeParse(sample({ extra: 1 })).success).toBe(false);
  });
});
