import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { csvParseRecord } from './csv-record';

/**
 * Streams a CSV (header row naming the columns) or JSON Lines file, chosen by extension, and hands
 * each record's values in `columns` order to `onRecord` with its line number (the first line of the
 * record for a CSV field that spans lines). Blank lines are skipped. Every problem is collected with
 * its line number instead of stopping at the first, so one run lists all of them; `onRecord` may
 * return a message to add its own (e.g. a duplicate). A wrong CSV header stops the read: nothing
 * after it can be mapped to columns.
 * JSON values may be strings or numbers (numbers are taken as their decimal text: label 1 is "1").
 */
export type InputFormat = 'csv' | 'jsonl';

export function inputFormat(file: string): InputFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : null;
}

function jsonValues(text: string, columns: readonly string[]): string[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'expected a JSON object';
  const values: string[] = [];
  for (const c of columns) {
    const v = (parsed as Record<string, unknown>)[c];
    if (v === undefined || v === null || v === '') return `missing ${c}`;
    if (typeof v === 'number' && Number.isFinite(v)) values.push(String(v));
    else if (typeof v === 'string') values.push(v);
    else return `${c} must be a string`;
  }
  return values;
}

export async function readRecords(
  file: string,
  columns: readonly string[],
  onRecord: (values: string[], line: number) => string | undefined,
): Promise<{ records: number; errors: { line: number; message: string }[] }> {
  const format = inputFormat(file);
  if (format === null) return { records: 0, errors: [{ line: 0, message: `${file}: unknown format, use .csv, .jsonl or .ndjson` }] };
  const errors: { line: number; message: string }[] = [];
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let records = 0;
  let order: number[] | null = null; // CSV: header position of each wanted column
  let pending = '';
  let pendingLine = 0;
  const record = (values: string[], line: number) => {
    records++;
    const problem = onRecord(values, line);
    if (problem !== undefined) errors.push({ line, message: problem });
  };
  for await (const raw of lines) {
    lineNo++;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (format === 'jsonl') {
      if (text.trim() === '') continue;
      const values = jsonValues(text, columns);
      if (typeof values === 'string') errors.push({ line: lineNo, message: values });
      else record(values, lineNo);
      continue;
    }
    if (pending === '' && text.trim() === '') continue;
    const start = pending === '' ? lineNo : pendingLine;
    const parsed = csvParseRecord(pending === '' ? text : `${pending}\n${text}`);
    if ('open' in parsed) {
      pending = pending === '' ? text : `${pending}\n${text}`;
      pendingLine = start;
      continue;
    }
    pending = '';
    if ('error' in parsed) {
      errors.push({ line: start, message: parsed.error });
      if (order === null) break;
      continue;
    }
    if (order === null) {
      const header = parsed.fields;
      order = columns.map((c) => header.indexOf(c));
      if (header.length !== columns.length || order.some((p) => p < 0)) {
        errors.push({ line: start, message: `header must be ${columns.join(',')} (in any order), got ${header.join(',')}` });
        break;
      }
      continue;
    }
    if (parsed.fields.length !== columns.length) {
      errors.push({ line: start, message: `expected ${columns.length} fields, got ${parsed.fields.length}` });
      continue;
    }
    const values = order.map((p) => parsed.fields[p]!);
    const missing = columns.find((_, k) => values[k] === '');
    if (missing !== undefined) errors.push({ line: start, message: `missing ${missing}` });
    else record(values, start);
  }
  lines.close();
  input.destroy(); // after a wrong header the rest of the file is never read
  if (pending !== '') errors.push({ line: pendingLine, message: 'a quoted field is never closed' });
  if (format === 'csv' && order === null && errors.length === 0) errors.push({ line: 1, message: `empty file: expected the header ${columns.join(',')}` });
  return { records, errors };
}
