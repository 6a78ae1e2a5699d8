import type { Label } from '../words';
import type { SelectionStrategy } from '../sampling/strategies';
import type { IngestFieldError } from './distribution';
import { ingestRecordValidator } from './sample-record';
import { ingestSampleRow, type SampleRow } from './sample-row';

/**
 * One NDJSON line (or one JSON-array entry) to a sample row, or the reasons it is not one. The
 * caller streams lines through this one at a time, so a body of any size is checked in constant
 * memory; line numbers are the caller's (1-based lines, or array positions).
 */

export type IngestError = { line: number; field: string; message: string };

export type IngestLineRules = {
  labels: readonly Label[];
  maxTextLength: number;
  strategy: SelectionStrategy;
  symmetricPairs: boolean;
};

export type IngestLineOutcome = { kind: 'blank' } | { kind: 'row'; row: SampleRow } | { kind: 'invalid'; errors: IngestFieldError[] };

/** V8 quotes the offending text in its messages; keep the detail short for the response. */
function ingestJsonDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 160 ? `${msg.slice(0, 157)}...` : msg;
}

export type IngestLineParser = { line(text: string): IngestLineOutcome; value(value: unknown): IngestLineOutcome };

/** Builds the parser once per request (the schema is compiled once, not per line). */
export function ingestLineParser(rules: IngestLineRules): IngestLineParser {
  const validate = ingestRecordValidator(rules);
  const value = (v: unknown): IngestLineOutcome => {
    const outcome = validate(v);
    if (!outcome.ok) {
      return { kind: 'invalid', errors: outcome.errors };
    }
    const row = ingestSampleRow(outcome.record, rules);
    return row.ok ? { kind: 'row', row: row.row } : { kind: 'invalid', errors: row.errors };
  };
  return {
    value,
    line(text) {
      if (text.trim().length === 0) {
        return { kind: 'blank' };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        return { kind: 'invalid', errors: [{ field: '(line)', message: `not valid JSON: ${ingestJsonDetail(e)}` }] };
      }
      return value(parsed);
    },
  };
}

/** Past this many errors the file is wrong in some systematic way; more lines add nothing. */
export const INGEST_MAX_ERRORS = 100;

/** Keeps the first INGEST_MAX_ERRORS errors and counts every rejected line. */
export class IngestErrorLog {
  readonly errors: IngestError[] = [];
  rejected = 0;
  add(line: number, errors: readonly IngestFieldError[]): void {
    this.rejected++;
    for (const e of errors) {
      if (this.errors.length >= INGEST_MAX_ERRORS) {
        return;
      }
      this.errors.push({ line, field: e.field, message: e.message });
    }
  }
}
