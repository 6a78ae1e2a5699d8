import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { TDatasetVersion } from '@quorum/contracts';
import { apiFetch, type ClientOptions } from '../client';
import { BadInput } from '../errors';

export type ExportFormat = 'jsonl' | 'csv' | 'parquet';
export type ExportOptions = { project: string; version: string; format: ExportFormat; split?: string; out: string; card?: boolean };
export type ExportProgress = { total: number | null; rows: number; bytes: number };

/** `latest` (the newest approved version), a version number, or a version id. */
async function resolveVersion(opts: ClientOptions, project: string, version: string): Promise<TDatasetVersion> {
  const res = await apiFetch(opts, `/projects/${project}/dataset-versions`);
  const { versions } = (await res.json()) as { versions: TDatasetVersion[] };
  const found =
    version === 'latest' ? versions.find((v) => v.status === 'approved') : /^\d+$/.test(version) ? versions.find((v) => v.number === Number(version)) : versions.find((v) => v.id === version);
  if (!found) throw new BadInput(version === 'latest' ? 'the project has no approved version yet' : `no version ${version} in the project`, []);
  return found;
}

/**
 * Counts rows as the bytes go by: JSONL has one per line; CSV one per line ending outside
 * quotes (a text may hold a newline), less the header. Parquet rows are known only at the end.
 */
function rowCounter(format: ExportFormat, onChunk: (rows: number, bytes: number) => void) {
  let rows = format === 'csv' ? -1 : 0;
  let bytes = 0;
  let quoted = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (format !== 'parquet') {
        for (const byte of chunk) {
          if (byte === 34 && format === 'csv') quoted = !quoted;
          else if (byte === 10 && !quoted) rows += 1;
        }
      }
      onChunk(Math.max(0, rows), bytes);
      done(null, chunk);
    },
  });
}

/** Writes `text` to `file` atomically: a temporary file beside it, renamed into place. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await writeFile(partial, text);
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/**
 * Streams an approved version (or one split) to `out`, atomically: the bytes go to a temporary
 * file beside it, renamed into place only once complete and checked against X-Row-Count, so an
 * interrupted or failed download never leaves a file under the final name. With `card`, the
 * dataset card goes beside it as FILE.card.json and FILE.card.md.
 */
export async function exportVersion(client: ClientOptions, o: ExportOptions, onProgress: (p: ExportProgress) => void = () => {}): Promise<{ file: string; version: number; rows: number; bytes: number; contentHash: string | null }> {
  const version = await resolveVersion(client, o.project, o.version);
  const query = new URLSearchParams({ format: o.format, ...(o.split ? { split: o.split } : {}) });
  const res = await apiFetch(client, `/dataset-versions/${version.id}/export?${query}`);
  const total = res.headers.get('x-row-count') === null ? null : Number(res.headers.get('x-row-count'));
  const partial = path.join(path.dirname(o.out), `.${path.basename(o.out)}.partial-${process.pid}`);
  let rows = 0;
  let bytes = 0;
  const counter = rowCounter(o.format, (r, b) => {
    rows = r;
    bytes = b;
    onProgress({ total, rows, bytes });
  });
  const interrupted = () => void rm(partial, { force: true }).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    await pipeline(Readable.fromWeb(res.body as unknown as WebReadableStream), counter, createWriteStream(partial));
    if (o.format === 'parquet') rows = total ?? rows;
    if (total !== null && rows !== total) throw new Error(`the download ended after ${rows} of ${total} rows`);
    onProgress({ total, rows, bytes });
    await rename(partial, o.out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    process.off('SIGINT', interrupted);
  }
  if (o.card) {
    for (const format of ['json', 'md'] as const) {
      const card = await apiFetch(client, `/dataset-versions/${version.id}/card?format=${format}`);
      await writeAtomically(`${o.out}.card.${format}`, await card.text());
    }
  }
  return { file: o.out, version: version.number, rows, bytes, contentHash: res.headers.get('x-content-hash') };
}
