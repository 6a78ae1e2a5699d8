import type { Label } from '../words';
import { ingestRecordValidator, type SampleRecord } from './sample-record';

/**
 * Parses an ingest body — a JSON array or NDJSON — into sample records, all or nothing: one bad
 * line fails the whole body so nothing is half-written (DESIGN.md, step 1), and every bad line
 * is reported at once so the engineer can fix the file in one pass.
 */

export type IngestError = { line: number; field: string; message: string };
export type IngestOptions = { labels: readonly Label[]; maxTextLength: number; maxRecords: number };
export type IngestResult = { ok: true; records: SampleRecord[] } | { ok: false; errors: IngestError[] };

/** Past this many errors the file is wrong in some systematic way; more lines add nothing. */
export const INGEST_MAX_ERRORS = 100;

/** An entry is one would-be record with its 1-based line (array index for JSON arrays). */
type IngestEntry = { line: number; value: unknown } | { line: number; invalidJson: string };

type IngestSplit = { entries: IngestEntry[] } | { bodyError: string };

/** Problems with the body as a whole are reported on line 0, field "(body)". */
const ingestBodyFailure = (message: string): IngestResult => ({
  ok: false,
  errors: [{ line: 0, field: '(body)', message }],
});

/** V8 quotes the offending text in its messages; keep the detail short for the response. */
function ingestJsonDetail(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 160 ? `${msg.slice(0, 157)}...` : msg;
}

function ingestSplit(body: string | readonly unknown[], maxRecords: number): IngestSplit {
  if (typeof body !== 'string') {
    if (body.length > maxRecords) {
      return { bodyError: `too many samples: ${body.length} in one request; the limit is ${maxRecords}` };
    }
    return { entries: body.map((value, i) => ({ line: i + 1, value })) };
  }
  // A byte-order mark from a Windows editor is not content.
  const text = body.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return { bodyError: `the body starts with '[' but is not a valid JSON array: ${ingestJsonDetail(e)}` };
    }
    return Array.isArray(parsed) ? ingestSplit(parsed, maxRecords) : { bodyError: 'the body is not a JSON array' };
  }
  const lines = text.split(/\r?\n/);
  const filled = lines.filter((l) => l.trim().length > 0).length;
  // Counted before parsing so an oversized body costs no JSON work.
  if (filled > maxRecords) {
    return { bodyError: `too many samples: ${filled} in one request; the limit is ${maxRecords}` };
  }
  const entries: IngestEntry[] = [];
  lines.forEach((l, i) => {
    if (l.trim().length === 0) {
      return;
    }
    try {
      entries.push({ line: i + 1, value: JSON.parse(l) as unknown });
    } catch (e) {
      entries.push({ line: i + 1, invalidJson: ingestJsonDetail(e) });
    }
  });
  return { entries };
}

/** The externalId as written, when it is usable for duplicate detection even if the line has other errors. */
function ingestRawExternalId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const id: unknown = (value as Record<string, unknown>)['externalId'];
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}

export function ingestParse(body: string | readonly unknown[], opts: IngestOptions): IngestResult {
  const split = ingestSplit(body, opts.maxRecords);
  if ('bodyError' in split) {
    return ingestBodyFailure(split.bodyError);
  }
  const { entries } = split;
  if (entries.length === 0) {
    return ingestBodyFailure('no samples');
  }
  const validate = ingestRecordValidator(opts);
  const records: SampleRecord[] = [];
  const errors: IngestError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const entry of entries) {
    if (errors.length >= INGEST_MAX_ERRORS) {
      break;
    }
    if ('invalidJson' in entry) {
      errors.push({ line: entry.line, field: '(line)', message: `not valid JSON: ${entry.invalidJson}` });
      continue;
    }
    const outcome = validate(entry.value);
    if (outcome.ok) {
      records.push(outcome.record);
    } else {
      errors.push(...outcome.errors.map((e) => ({ line: entry.line, ...e })));
    }
    const id = ingestRawExternalId(entry.value);
    if (id !== null) {
      const first = firstLineOf.get(id);
      if (first === undefined) {
        firstLineOf.set(id, entry.line);
      } else {
        errors.push({ line: entry.line, field: 'externalId', message: `duplicate externalId '${id}' (first on line ${first})` });
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, INGEST_MAX_ERRORS) } : { ok: true, records };
}
