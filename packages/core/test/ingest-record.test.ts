import { INGEST_MAX_ERRORS } from '../src/ingest/parse-samples';
import { ZSampleRecordInput } from '../src/ingest/sample-record';
import { errorsOf, ndjson, opts, recordsOf, sample } from './ingest-fixtures';

describe('ingestParse: line errors', () => {
  it('reports invalid JSON on its line with field (line)', () => {
    const body = [JSON.stringify(sample()), '{"externalId": "p-2",', JSON.stringify(sample({ externalId: 'p-3' }))].join('\n');
    const errors = errorsOf(body);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2, field: '(line)' });
    expect(errors[0]?.message).toMatch(/^not valid JSON: /);
  });

  it('reports a line that is not an object', () => {
    expect(errorsOf(ndjson(sample(), [1, 2], 'text', null))).toEqual([
      { line: 2, field: '(line)', message: 'each sample must be a JSON object, got an array' },
      { line: 3, field: '(line)', message: 'each sample must be a JSON object, got a string' },
      { line: 4, field: '(line)', message: 'each sample must be a JSON object, got null' },
    ]);
  });

  it('uses the 1-based array index as the line for JSON arrays', () => {
    expect(errorsOf([sample(), sample({ externalId: 'p-2', textB: '  ' })])).toEqual([
      { line: 2, field: 'textB', message: 'textB is empty' },
    ]);
  });

  it('reports missing and mistyped required fields by name', () => {
    expect(errorsOf(ndjson({ externalId: 7, textA: 'a' }))).toEqual([
      { line: 1, field: 'externalId', message: 'externalId must be a string, got a number' },
      { line: 1, field: 'textB', message: 'textB is required' },
      { line: 1, field: 'modelProbs', message: 'modelProbs is required' },
    ]);
  });

  it('checks externalId length', () => {
    expect(errorsOf(ndjson(sample({ externalId: '' })))).toEqual([
      { line: 1, field: 'externalId', message: 'externalId must not be empty' },
    ]);
    expect(errorsOf(ndjson(sample({ externalId: 'x'.repeat(201) })))).toEqual([
      { line: 1, field: 'externalId', message: 'externalId must be at most 200 characters' },
    ]);
    expect(recordsOf(ndjson(sample({ externalId: 'x'.repeat(200) })))).toHaveLength(1);
  });

  it('checks text length against maxTextLength and broken unicode', () => {
    expect(errorsOf(ndjson(sample({ textA: 'x'.repeat(51) })))).toEqual([
      { line: 1, field: 'textA', message: 'textA is longer than 50 characters' },
    ]);
    expect(recordsOf(ndjson(sample({ textA: 'x'.repeat(50) })))).toHaveLength(1);
    // JSON.stringify writes the lone surrogate as an escape, as a producer's JSON would.
    expect(errorsOf(ndjson(sample({ textB: 'a\ud800b' })))).toEqual([
      { line: 1, field: 'textB', message: 'textB contains broken unicode (lone surrogate)' },
    ]);
  });

  it('names each unknown key as its own error', () => {
    expect(errorsOf(ndjson(sample({ text_a: 'x', score: 1 })))).toEqual([
      { line: 1, field: 'text_a', message: "unknown field 'text_a'" },
      { line: 1, field: 'score', message: "unknown field 'score'" },
    ]);
  });

  it('reports unknown labels in modelProbs on modelProbs.<key>', () => {
    expect(errorsOf(ndjson(sample({ modelProbs: { match: 0.5, maybe: 0.5 } })))).toEqual([
      { line: 1, field: 'modelProbs.maybe', message: "'maybe' is not in the label set (match, no_match)" },
    ]);
  });

  it('reports probabilities that do not sum to 1, allowing ±0.001', () => {
    expect(errorsOf(ndjson(sample({ modelProbs: { match: 0.6, no_match: 0.3 } })))).toEqual([
      { line: 1, field: 'modelProbs', message: 'modelProbs must sum to 1 (±0.001), but they sum to 0.9' },
    ]);
    expect(errorsOf(ndjson(sample({ modelProbs: {} })))[0]?.message).toMatch(/sum to 0$/);
    expect(recordsOf(ndjson(sample({ modelProbs: { match: 0.6667, no_match: 0.3333 } })))).toHaveLength(1);
    expect(recordsOf(ndjson(sample({ modelProbs: { match: 0.5005, no_match: 0.5004 } })))).toHaveLength(1);
    expect(errorsOf(ndjson(sample({ modelProbs: { match: 0.502, no_match: 0.5 } })))[0]?.field).toBe('modelProbs');
  });

  it('reports probabilities outside [0, 1] and non-numbers on their key', () => {
    expect(errorsOf(ndjson(sample({ modelProbs: { match: 1.5, no_match: -0.5 } })))).toEqual([
      { line: 1, field: 'modelProbs.match', message: 'probability must be at most 1' },
      { line: 1, field: 'modelProbs.no_match', message: 'probability must be at least 0' },
    ]);
    expect(errorsOf(ndjson(sample({ modelProbs: { match: '0.5', no_match: 0.5 } })))).toEqual([
      { line: 1, field: 'modelProbs.match', message: 'probability must be a number, got a string' },
    ]);
    expect(errorsOf(ndjson(sample({ modelProbs: [0.5, 0.5] })))).toEqual([
      { line: 1, field: 'modelProbs', message: 'modelProbs must be an object of label → probability, got an array' },
    ]);
  });

  it('checks modelLabel and goldLabel against the label set', () => {
    expect(errorsOf(ndjson(sample({ modelLabel: 'yes', goldLabel: 'no' })))).toEqual([
      { line: 1, field: 'modelLabel', message: "modelLabel 'yes' is not in the label set (match, no_match)" },
      { line: 1, field: 'goldLabel', message: "goldLabel 'no' is not in the label set (match, no_match)" },
    ]);
  });

  it('checks modelVersion length and type', () => {
    expect(errorsOf(ndjson(sample({ modelVersion: 'v'.repeat(101) })))).toEqual([
      { line: 1, field: 'modelVersion', message: 'modelVersion must be at most 100 characters' },
    ]);
    expect(errorsOf(ndjson(sample({ modelVersion: 3 })))).toEqual([
      { line: 1, field: 'modelVersion', message: 'modelVersion must be a string, got a number' },
    ]);
  });

  it('reports a duplicate externalId on the later line, even when the first line has other errors', () => {
    expect(errorsOf(ndjson(sample({ textA: '' }), sample({ externalId: 'p-2' }), sample()))).toEqual([
      { line: 1, field: 'textA', message: 'textA is empty' },
      { line: 3, field: 'externalId', message: "duplicate externalId 'p-1' (first on line 1)" },
    ]);
  });

  it('stops after 100 errors', () => {
    const rows = Array.from({ length: 150 }, () => ({ bad: true }));
    const errors = errorsOf(rows, { ...opts, maxRecords: 1000 });
    expect(errors).toHaveLength(INGEST_MAX_ERRORS);
    expect(INGEST_MAX_ERRORS).toBe(100);
    // Each line gives 5 errors (4 missing fields + 1 unknown), so 20 lines fill the cap.
    expect(errors[errors.length - 1]?.line).toBe(20);
  });
});

describe('ingestParse: optional fields', () => {
  it('keeps given optional fields and accepts null for them', () => {
    const [withAll, withNulls] = recordsOf(
      ndjson(
        sample({ modelLabel: 'no_match', modelVersion: 'm-2024-06', goldLabel: 'match' }),
        sample({ externalId: 'p-2', modelLabel: null, modelVersion: null, goldLabel: null }),
      ),
    );
    expect(withAll).toMatchObject({ modelLabel: 'no_match', modelVersion: 'm-2024-06', goldLabel: 'match' });
    expect(withNulls).toMatchObject({ modelLabel: 'match', modelVersion: null, goldLabel: null });
  });

  it('defaults modelLabel to the argmax, ties to the earlier project label', () => {
    const o = { ...opts, labels: ['a', 'b', 'c'] };
    const [max, tie] = recordsOf(
      ndjson(
        { externalId: '1', textA: 'x', textB: 'y', modelProbs: { a: 0.2, b: 0.5, c: 0.3 } },
        { externalId: '2', textA: 'x', textB: 'y', modelProbs: { c: 0.5, b: 0.5 } },
      ),
      o,
    );
    expect(max?.modelLabel).toBe('b');
    expect(tie?.modelLabel).toBe('b');
  });

  it('fills labels the model did not report with 0, in project label order', () => {
    const [r] = recordsOf(ndjson(sample({ modelProbs: { no_match: 1 } })));
    expect(r?.modelProbs).toEqual({ match: 0, no_match: 1 });
    expect(Object.keys(r?.modelProbs ?? {})).toEqual(['match', 'no_match']);
  });
});

describe('ZSampleRecordInput', () => {
  it('accepts any label names and rejects unknown keys', () => {
    expect(ZSampleRecordInput.safeParse(sample({ modelProbs: { yes: 1 }, goldLabel: 'yes' })).success).toBe(true);
    expect(ZSampleRecordInput.safeParse(sample({ extra: 1 })).success).toBe(false);
    expect(ZSampleRecordInput.safeParse(sample({ modelProbs: { yes: 0.5 } })).success).toBe(false);
  });
});
