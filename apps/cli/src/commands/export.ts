import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { apiFetch, type ClientOptions } from '../client';

/**
 * Streams an approved version's JSONL to `out`, atomically: the rows go to `out.partial` and
 * are renamed into place only when complete, so no half file is ever left under the final name.
 */
export async function exportVersion(opts: ClientOptions, versionId: string, out: string, onRows: (rows: number) => void = () => {}): Promise<{ rows: number; contentHash: string | null }> {
  const res = await apiFetch(opts, `/dataset-versions/${versionId}/export?format=jsonl`);
  const partial = `${out}.partial`;
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (const byte of chunk) if (byte === 10) rows += 1;
      onRows(rows);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as unknown as WebReadableStream), counter, createWriteStream(partial));
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { rows, contentHash: res.headers.get('x-content-hash') };
}
