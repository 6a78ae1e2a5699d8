import { ingestLineParser, type IngestLineRules } from '../src/ingest/parse-line';
import type { SampleRow } from '../src/ingest/sample-row';

/** Shared fixtures for the ingest tests (not a test file itself). */

export const rules: IngestLineRules = { labels: ['match', 'no_match'], maxTextLength: 50, strategy: 'entropy', symmetricPairs: false };

export const sample = (over: Record<string, unknown> = {}) => ({
  external_id: 'p-1',
  text_a: 'I want someone to look after my cat',
  text_b: 'I can provide pet sitting',
  prediction: { match: 0.7, no_match: 0.3 },
  ...over,
});

/** The field errors of one line (a JSON text, or any value JSON.stringify turns into one). */
export function errorsOf(line: unknown, r: IngestLineRules = rules) {
  const out = ingestLineParser(r).line(typeof line === 'string' ? line : JSON.stringify(line));
  if (out.kind !== 'invalid') {
    throw new Error(`expected errors, got ${out.kind}`);
  }
  return out.errors;
}

export function rowOf(line: unknown, r: IngestLineRules = rules): SampleRow {
  const out = ingestLineParser(r).line(typeof line === 'string' ? line : JSON.stringify(line));
  if (out.kind !== 'row') {
    throw new Error(`expected a row, got ${JSON.stringify(out)}`);
  }
  return out.row;
}
