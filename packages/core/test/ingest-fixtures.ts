import { ingestParse } from '../src/ingest/parse-samples';

/** Shared fixtures for the ingest tests (not a test file itself). */

export const opts = { labels: ['match', 'no_match'], maxTextLength: 50, maxRecords: 5 };

export const sample = (over: Record<string, unknown> = {}) => ({
  externalId: 'p-1',
  textA: 'I want someone to look after my cat',
  textB: 'I can provide pet sitting',
  modelProbs: { match: 0.7, no_match: 0.3 },
  ...over,
});
export const ndjson = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

export function errorsOf(body: string | unknown[], o = opts) {
  const r = ingestParse(body, o);
  if (r.ok) {
    throw new Error('expected errors, got records');
  }
  return r.errors;
}
export function recordsOf(body: string | unknown[], o = opts) {
  const r = ingestParse(body, o);
  if (!r.ok) {
    throw new Error(`expected records, got ${JSON.stringify(r.errors)}`);
  }
  return r.records;
}
