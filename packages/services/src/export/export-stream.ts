import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvChunks } from './csv';
import { exportColumns, type ExportRow } from './export-row';
import { jsonlChunks } from './jsonl';
import { parquetChunks, type ParquetExportOptions } from './parquet';

/**
 * An export as a byte stream, for an HTTP response or a file. Everything is pulled: the
 * source (a database cursor, say) is read only as fast as the consumer takes bytes, so a slow
 * client holds back the query instead of filling memory. Readable.from gives the stream that
 * backpressure; pipeline() also destroys the source when the consumer goes away mid-export.
 */

export const EXPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  parquet: 'application/vnd.apache.parquet',
};

export const EXPORT_FILE_EXTENSIONS: Record<ExportFormat, string> = { jsonl: '.jsonl', csv: '.csv', parquet: '.parquet' };

export type ExportOptions = {
  /** The project's labels: they name the per-label columns. */
  labels: readonly string[];
  parquet?: ParquetExportOptions;
};

export function exportChunks(format: ExportFormat, rows: AsyncIterable<ExportRow>, opts: ExportOptions): AsyncGenerator<Buffer> {
  const columns = exportColumns(opts.labels);
  switch (format) {
    case 'jsonl':
      return jsonlChunks(rows, columns);
    case 'csv':
      return csvChunks(rows, columns);
    case 'parquet':
      return parquetChunks(rows, columns, opts.parquet);
  }
}

/** A byte stream of the export; pipe it to a response. */
export function exportReadable(format: ExportFormat, rows: AsyncIterable<ExportRow>, opts: ExportOptions): Readable {
  return Readable.from(exportChunks(format, rows, opts), { objectMode: false });
}

/** Writes the export to `out` and resolves with the bytes written once `out` has them all. */
export async function exportToWritable(
  format: ExportFormat,
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  opts: ExportOptions,
): Promise<{ bytes: number }> {
  let bytes = 0;
  await pipeline(
    exportChunks(format, rows, opts),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        yield chunk;
      }
    },
    out,
  );
  return { bytes };
}
