import { exportValue, type ExportColumn, type ExportRow, type ExportValue } from './export-row';
import { textChunks } from './text-chunks';

/**
 * CSV as RFC 4180 has it: a header line, CRLF line ends, fields with a quote, comma, CR or LF
 * quoted, quotes inside doubled. Fields with leading or trailing whitespace are quoted too,
 * since some readers trim unquoted fields. Null is an empty field and the empty string is "",
 * so the two stay apart for readers that care (pandas reads both as missing by default).
 * A list is written as its JSON text. (csv-stringify is not installed; these ten lines are
 * all of it that an export needs.)
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(text: string): string {
  return text === '' || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvValue(v: ExportValue): string {
  if (v === null) {
    return '';
  }
  if (typeof v === 'number') {
    return String(v);
  }
  return csvField(typeof v === 'string' ? v : JSON.stringify(v));
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return `${columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

export function csvLine(columns: readonly ExportColumn[], row: ExportRow): string {
  return `${columns.map((c) => csvValue(exportValue(c, row))).join(',')}\r\n`;
}

export function csvChunks(rows: AsyncIterable<ExportRow>, columns: readonly ExportColumn[]): AsyncGenerator<Buffer> {
  return textChunks(
    (async function* () {
      yield csvHeader(columns);
      for await (const row of rows) {
        yield csvLine(columns, row);
      }
    })(),
  );
}
