import { canonicalJson } from '../src/datasets/canonical';
import { pairKey } from '../src/datasets/normalise';
import { ingestLineParser } from '../src/ingest/parse-line';
import { IngestErrorLog, INGEST_MAX_ERRORS } from '../src/ingest/parse-line';
import { selectionScore } from '../src/sampling/strategies';
import { errorsOf, rowOf, rules, sample } from './ingest-fixtures';

describe('ingest row: what is computed at ingest', () => {
  it('model confidence is the top probability; uncertainty is the project strategy score', () => {
    const passes = [{ match: 0.9, no_match: 0.1 }, { match: 0.1, no_match: 0.9 }];
    const line = sample({ prediction: { match: 0.7, no_match: 0.3 }, predictions: passes });
    expect(rowOf(line).modelConfidence).toBe(0.7);
    for (const strategy of ['least_confidence', 'margin', 'entropy', 'variance', 'bald'] as const) {
      expect(rowOf(line, { ...rules, strategy }).uncertainty).toBe(selectionScore(strategy, { probs: { match: 0.7, no_match: 0.3 }, passes }));
    }
    expect(rowOf(line, { ...rules, strategy: 'bald' }).uncertainty).toBeGreaterThan(rowOf(sample(), { ...rules, strategy: 'bald' }).uncertainty);
  });

  it('keys the pair by its normalised texts, in order unless the project says pairs are symmetric', () => {
    const a = rowOf(sample({ text_a: 'Look after my CAT', text_b: 'Pet  sitting' }));
    const b = rowOf(sample({ text_a: 'look after my cat\u200b', text_b: 'pet sitting' }));
    expect(a.normalisedPair).toBe(b.normalisedPair);
    expect(a.normalisedPair).toBe(pairKey('Look after my CAT', 'Pet  sitting', { symmetric: false }));
    const swapped = sample({ text_a: 'pet sitting', text_b: 'look after my cat' });
    expect(rowOf(swapped).normalisedPair).not.toBe(a.normalisedPair);
    expect(rowOf(swapped, { ...rules, symmetricPairs: true }).normalisedPair).toBe(rowOf(sample({ text_a: 'Look after my CAT', text_b: 'Pet  sitting' }), { ...rules, symmetricPairs: true }).normalisedPair);
  });

  it('content key is canonical JSON of what a re-ingest may change', () => {
    const row = rowOf(sample({ model_version: 'v2', predictions: [0.2, 0.4], metadata: { z: 1, a: 2 }, gold_label: 'match' }));
    expect(row.contentKey).toBe(canonicalJson([row.textA, row.textB, 'match', { match: 0.7, no_match: 0.3 }, [{ match: 0.2, no_match: 0.8 }, { match: 0.4, no_match: 0.6 }], 'v2', { a: 2, z: 1 }]));
  });

  it('content key ignores key order, alias names and the gold label; changes with anything stored', () => {
    const base = rowOf(sample({ model_version: 'v1' })).contentKey;
    expect(rowOf({ prediction: { no_match: 0.3, match: 0.7 }, text_b: 'I can provide pet sitting', model_version: 'v1', text_a: 'I want someone to look after my cat', external_id: 'p-1' }).contentKey).toBe(base);
    expect(rowOf({ externalId: 'p-1', textA: 'I want someone to look after my cat', textB: 'I can provide pet sitting', modelProbs: { match: 0.7, no_match: 0.3 }, modelVersion: 'v1', goldLabel: 'match' }).contentKey).toBe(base);
    expect(rowOf(sample({ model_version: 'v1', prediction: 0.7 })).contentKey).toBe(base);
    expect(rowOf(sample({ external_id: 'other', model_version: 'v1' })).contentKey).toBe(base);
    for (const change of [{ model_version: 'v2' }, { prediction: { match: 0.6, no_match: 0.4 } }, { text_a: 'I want someone to look after my dog' }, { metadata: { a: 1 } }, { predictions: [0.5, 0.5] }, { model_label: 'no_match' }]) {
      expect(rowOf(sample({ model_version: 'v1', ...change })).contentKey).not.toBe(base);
    }
  });
});

describe('ingest line', () => {
  const parser = ingestLineParser(rules);

  it('skips blank lines', () => {
    for (const line of ['', '   ', '\t']) expect(parser.line(line)).toEqual({ kind: 'blank' });
  });

  it('reports invalid JSON with a short detail', () => {
    const [e, ...rest] = errorsOf('{"external_id": "p-2",');
    expect(rest).toEqual([]);
    expect(e?.field).toBe('(line)');
    expect(e?.message).toMatch(/^not valid JSON: /);
    expect(errorsOf(`{"a": "${'x'.repeat(1000)}`)[0]!.message.length).toBeLessThan(200);
  });

  it('parses JSON-array entries (already parsed values) the same way', () => {
    const out = parser.value(sample());
    expect(out.kind === 'row' && out.row.contentKey).toBe(rowOf(sample()).contentKey);
  });

  it('the error log keeps the first 100 errors and counts every rejected line', () => {
    const log = new IngestErrorLog();
    for (let line = 1; line <= 150; line++) log.add(line, errorsOf({ bad: true }));
    expect(log.rejected).toBe(150);
    expect(log.errors).toHaveLength(INGEST_MAX_ERRORS);
    expect(INGEST_MAX_ERRORS).toBe(100);
    // Each line gives 5 errors (3 missing fields, a missing prediction, 1 unknown): 20 lines fill the cap.
    expect(log.errors.at(-1)).toMatchObject({ line: 20 });
  });
});
