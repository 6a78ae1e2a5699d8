import { readFile, stat } from 'node:fs/promises';
import { ApiFailure, type ClientOptions } from '../client';
import { checkpointKey, checkpointPath, checkpointRead, checkpointRemove, checkpointWrite, type Checkpoint, type IngestTotals } from '../ingest/checkpoint';
import { fileIsJsonArray, jsonArrayChunks, ndjsonFileChunks, type FileChunk } from '../ingest/file-chunks';
import { sendChunk, type RetryOptions } from '../ingest/send-chunk';

/** Lines per request: big enough for the server's bulk path, small enough to resend cheaply. */
export const INGEST_CHUNK_LINES = 50_000;
/** A JSON-array file is parsed whole; bigger ones should be NDJSON (`jq -c '.[]'`). */
const JSON_ARRAY_MAX_BYTES = 100 * 1024 * 1024;
/** Rejected lines listed (partial mode), across the whole file. */
const ERRORS_KEPT = 100;

export type IngestFileOptions = { chunkLines?: number; partial?: boolean; retry?: Partial<RetryOptions>; resume?: boolean };

export type IngestProgress = { done: number; total: number; unit: 'bytes' | 'records'; lines: number };

export type IngestSummary = IngestTotals & {
  chunks: number;
  /** The file line this run started at: 1, or where an interrupted run's checkpoint said. */
  resumedFromLine: number;
  errors: { line: number; field: string; message: string }[];
};

const zero = (): IngestTotals => ({ received: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, rejected: 0, gold: 0 });

/** Server line numbers count from the chunk's first line; the user's count from the file's. */
function toFileLines(err: ApiFailure, firstLine: number): ApiFailure {
  const details = err.body.error?.details;
  if (details) {
    for (const d of details) if (d.line && d.line > 0) d.line += firstLine - 1;
    const first = details[0];
    if (first) err.message = `${first.line ? `line ${first.line}: ` : ''}${first.field}: ${first.message}`;
  }
  return err;
}

/**
 * Streams an NDJSON (or JSON-array) file to the project in gzipped chunks of `chunkLines` lines.
 * Each chunk is all-or-nothing on the server (or, with `partial`, keeps its valid lines); network
 * failures and 5xx are retried with backoff; after each acknowledged chunk a checkpoint records
 * where to resume, so running the same command again after a drop continues there. Errors name
 * the line in the file.
 */
export async function ingestFile(opts: ClientOptions, projectId: string, file: string, o: IngestFileOptions = {}, onProgress: (p: IngestProgress) => void = () => {}): Promise<IngestSummary> {
  const chunkLines = o.chunkLines ?? INGEST_CHUNK_LINES;
  const retry: RetryOptions = { retries: o.retry?.retries ?? 8, delayMs: o.retry?.delayMs ?? 1000, ...(o.retry?.onRetry ? { onRetry: o.retry.onRetry } : {}) };
  const key = await checkpointKey(file, projectId, opts.url);
  const cpPath = checkpointPath(file);
  const resumed = o.resume === false ? null : await checkpointRead(cpPath, key);
  const cp: Checkpoint = resumed ?? { version: 1, ...key, nextLine: 1, next: 0, chunks: 0, totals: zero() };
  const summary: IngestSummary = { ...cp.totals, chunks: cp.chunks, resumedFromLine: cp.nextLine, errors: [] };

  let chunks: AsyncIterable<FileChunk> | Iterable<FileChunk>;
  let total: number;
  let unit: IngestProgress['unit'];
  if (await fileIsJsonArray(file)) {
    if ((await stat(file)).size > JSON_ARRAY_MAX_BYTES) throw new Error(`${file} is a JSON array over ${JSON_ARRAY_MAX_BYTES / 1024 / 1024} MB; convert it to NDJSON (one sample per line, e.g. jq -c '.[]') to stream it`);
    const entries = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as unknown[];
    chunks = jsonArrayChunks(entries, { start: cp.next, chunkLines });
    [total, unit] = [entries.length, 'records'];
  } else {
    chunks = ndjsonFileChunks(file, { start: cp.next, firstLine: cp.nextLine, chunkLines });
    [total, unit] = [key.size, 'bytes'];
  }
  onProgress({ done: cp.next, total, unit, lines: cp.nextLine - 1 });
  for await (const chunk of chunks) {
    if (!chunk.blank) {
      let r;
      try {
        r = await sendChunk(opts, projectId, chunk.body, o.partial ?? false, retry);
      } catch (err) {
        if (err instanceof ApiFailure) throw toFileLines(err, chunk.firstLine);
        // The checkpoint already says where to resume.
        throw new Error(`${(err as Error).message}; lines before ${chunk.firstLine} are ingested: run the same command again to resume there`);
      }
      for (const k of Object.keys(cp.totals) as (keyof IngestTotals)[]) cp.totals[k] += r[k];
      for (const e of r.errors) if (summary.errors.length < ERRORS_KEPT) summary.errors.push({ ...e, line: e.line + chunk.firstLine - 1 });
      cp.chunks++;
    }
    cp.nextLine = chunk.firstLine + chunk.lineCount;
    cp.next = chunk.end;
    await checkpointWrite(cpPath, cp);
    onProgress({ done: chunk.end, total, unit, lines: cp.nextLine - 1 });
  }
  await checkpointRemove(cpPath);
  return { ...summary, ...cp.totals, chunks: cp.chunks };
}
