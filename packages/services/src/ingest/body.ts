import { isUtf8 } from 'node:buffer';
import { finished, type Readable, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '@quorum/contracts';
import type { IngestLimits } from './limits';

/**
 * An ingest body as batches of entries, pulled one chunk at a time so the consumer's pace (the
 * COPY into PostgreSQL) sets the upload's pace and memory holds a chunk, never the body.
 * NDJSON is split here on the newline byte rather than with split2: a line's size is checked in
 * bytes (what the limit promises) whether it arrives whole in one chunk or across many, and a
 * line is decoded only once it is complete, so a UTF-8 sequence cut by a chunk boundary is fine.
 * A body whose first visible character is '[' is a JSON array, read whole up to maxJsonBytes.
 */

export type IngestSource =
  | { kind: 'stream'; stream: Readable; contentEncoding?: string | undefined; contentLength?: number | undefined }
  | { kind: 'values'; values: readonly unknown[] };

/** `line` is 1-based: the NDJSON line, or the position in the JSON array. */
export type IngestEntry = { line: number; text: string } | { line: number; value: unknown } | { line: number; invalid: string };

const NEWLINE = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const tooLarge = (what: string, limit: number) =>
  new AppError('payload_too_large', `${what} is larger than the limit of ${limit.toLocaleString('en')} bytes`, '(body)');

/** Undoes gzip and counts bytes as they pass, failing at the limit: no body is ever taken whole. */
async function* ingestBytes(source: Extract<IngestSource, { kind: 'stream' }>, limits: IngestLimits): AsyncGenerator<Buffer> {
  if (source.contentLength !== undefined && source.contentLength > limits.maxBytes) {
    throw tooLarge('the request body', limits.maxBytes);
  }
  const encoding = (source.contentEncoding ?? 'identity').trim().toLowerCase();
  let stream: Readable;
  let gunzip: Transform | null = null;
  let stopWatching = () => {};
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    gunzip = createGunzip();
    stream = source.stream.pipe(gunzip);
    // pipe() forwards neither errors nor an upload cut off before its end: without this the
    // gunzip side would wait forever, holding its database connection.
    const g = gunzip;
    stopWatching = finished(source.stream, (err) => {
      if (err) g.destroy(err);
    });
  } else if (encoding === 'identity') {
    stream = source.stream;
  } else {
    throw new AppError('bad_request', `Content-Encoding '${encoding}' is not supported; send gzip or no encoding`, '(body)');
  }
  let total = 0;
  try {
    // Not destroyed when we stop early: the request must stay writable for the 413/400 answer.
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxBytes) {
        throw tooLarge('the request body (decompressed)', limits.maxBytes);
      }
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code?.startsWith('Z_')) throw new AppError('bad_request', `the body is not valid gzip: ${(err as Error).message}`, '(body)');
    throw err;
  } finally {
    stopWatching();
    if (gunzip) {
      source.stream.unpipe(gunzip);
      gunzip.destroy();
    }
  }
}

function lineText(buf: Buffer, line: number): IngestEntry {
  let end = buf.length;
  if (end > 0 && buf[end - 1] === CR) end--;
  const body = line === 1 && buf.subarray(0, 3).equals(BOM) ? buf.subarray(3, end) : buf.subarray(0, end);
  return isUtf8(body) ? { line, text: body.toString('utf8') } : { line, invalid: 'the line is not valid UTF-8' };
}

const lineTooLong = (line: number, limit: number) =>
  new AppError('bad_request', `line ${line}: (line): the line is longer than ${limit.toLocaleString('en')} bytes`, '(line)', [
    { line, field: '(line)', message: `the line is longer than ${limit.toLocaleString('en')} bytes` },
  ]);

/** Splits NDJSON byte chunks into lines; yields one batch of complete lines per chunk. */
async function* ndjsonEntries(chunks: AsyncIterable<Buffer>, first: Buffer[], limits: IngestLimits): AsyncGenerator<IngestEntry[]> {
  let carry: Buffer[] = [];
  let carried = 0;
  let line = 0;
  const take = (chunk: Buffer): IngestEntry[] => {
    const out: IngestEntry[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      line++;
      const length = carried + nl - start;
      if (length > limits.maxLineBytes) throw lineTooLong(line, limits.maxLineBytes);
      const piece = chunk.subarray(start, nl);
      out.push(lineText(carried > 0 ? Buffer.concat([...carry, piece]) : piece, line));
      carry = [];
      carried = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      carried += chunk.length - start;
      if (carried > limits.maxLineBytes) throw lineTooLong(line + 1, limits.maxLineBytes);
      // A copy, so the carried bytes do not pin the whole (possibly 64 KiB) chunk.
      carry.push(Buffer.from(chunk.subarray(start)));
    }
    return out;
  };
  for (const chunk of first) yield take(chunk);
  for await (const chunk of chunks) yield take(chunk);
  if (carried > 0) yield [lineText(Buffer.concat(carry), line + 1)];
}

/** The first visible byte after an optional BOM and whitespace ('[' means a JSON array), or null. */
function firstVisible(head: Buffer): number | null {
  for (let i = head.subarray(0, 3).equals(BOM) ? 3 : 0; i < head.length; i++) {
    const b = head[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== NEWLINE && b !== CR) return b;
  }
  return null;
}

async function jsonArrayEntries(chunks: AsyncIterator<Buffer>, first: Buffer[], limits: IngestLimits): Promise<IngestEntry[]> {
  const all = [...first];
  let size = all.reduce((n, c) => n + c.length, 0);
  for (let r = await chunks.next(); !r.done; r = await chunks.next()) {
    size += r.value.length;
    if (size > limits.maxJsonBytes) throw tooLarge('a JSON-array body', limits.maxJsonBytes);
    all.push(r.value);
  }
  if (size > limits.maxJsonBytes) throw tooLarge('a JSON-array body', limits.maxJsonBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(all).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message.slice(0, 160) : String(e);
    throw new AppError('bad_request', `the body starts with '[' but is not a valid JSON array: ${msg}`, '(body)', [
      { line: 0, field: '(body)', message: `the body starts with '[' but is not a valid JSON array: ${msg}` },
    ]);
  }
  return (parsed as unknown[]).map((value, i) => ({ line: i + 1, value }));
}

/** The body's entries in batches; throws AppError 413 / 400 for a body that cannot be read. */
export async function* ingestEntries(source: IngestSource, limits: IngestLimits): AsyncGenerator<IngestEntry[]> {
  if (source.kind === 'values') {
    yield source.values.map((value, i) => ({ line: i + 1, value }));
    return;
  }
  const chunks = ingestBytes(source, limits)[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let kind: number | null = null;
  while (kind === null) {
    const r = await chunks.next();
    if (r.done) break;
    first.push(r.value);
    kind = firstVisible(first.length === 1 ? r.value : Buffer.concat(first));
  }
  if (kind === 0x5b) {
    yield await jsonArrayEntries(chunks, first, limits);
    return;
  }
  yield* ndjsonEntries({ [Symbol.asyncIterator]: () => chunks }, first, limits);
}
