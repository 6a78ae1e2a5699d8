import { exportValue, type ExportColumn, type ExportRow, type ExportValue } from './export-row';
import { textChunks } from './text-chunks';

/**
 * JSON Lines (jsonlines.org): one object per line, '\n' after each, UTF-8. Written by hand in
 * column order rather than with JSON.stringify(row), so every line has every key, in the same
 * order, with null for a missing value, the conventions of the Hugging Face JSON loader.
 *
 * A whole-number double is written as 1.0, not 1: pyarrow infers a column's type from the
 * first block it reads, and a posterior of exactly 1 in that block would make the column int64
 * and fail on the 0.83 that comes later.
 */

function jsonlDouble(v: number): string {
  const s = JSON.stringify(v);
  return Number.isInteger(v) && !s.includes('e') ? `${s}.0` : s;
}

function jsonlValue(column: ExportColumn, v: ExportValue): string {
  if (v === null) {
    return 'null';
  }
  // JSON.stringify escapes lone surrogates (ES2019 well-formed stringify), so a line is always valid UTF-8.
  return column.type === 'double' ? jsonlDouble(v as number) : JSON.stringify(v);
}

export function jsonlLine(columns: readonly ExportColumn[], row: ExportRow): string {
  const parts = columns.map((c) => `${JSON.stringify(c.name)}:${jsonlValue(c, exportValue(c, row))}`);
  return `{${parts.join(',')}}\n`;
}

export function jsonlChunks(rows: AsyncIterable<ExportRow>, columns: readonly ExportColumn[]): AsyncGenerator<Buffer> {
  return textChunks(
    (async function* () {
      for await (const row of rows) {
        yield jsonlLine(columns, row);
      }
    })(),
  );
}
