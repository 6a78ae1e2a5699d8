import { readFile } from 'node:fs/promises';
import { apiFetch, ApiFailure, type ClientOptions } from '../client';

/** The API takes at most this many records per request; bigger files go in chunks. */
export const INGEST_CHUNK = 10_000;

export type IngestSummary = { received: number; inserted: number; duplicates: number; gold: number; chunks: number };

/**
 * Sends an NDJSON (or JSON array) file of samples. Each chunk is all-or-nothing on the server and
 * ingest is idempotent on externalId, so after a failure the same command can simply be re-run.
 * Errors are reported with the line number in the file, not in the chunk.
 */
export async function ingestFile(opts: ClientOptions, projectId: string, file: string, onChunk: (done: number, total: number) => void = () => {}): Promise<IngestSummary> {
  const text = await readFile(file, 'utf8');
  const lines = text.trimStart().startsWith('[') ? (JSON.parse(text) as unknown[]).map((r) => JSON.stringify(r)) : text.split('\n');
  const summary: IngestSummary = { received: 0, inserted: 0, duplicates: 0, gold: 0, chunks: 0 };
  for (let start = 0; start < lines.length; start += INGEST_CHUNK) {
    const chunk = lines.slice(start, start + INGEST_CHUNK);
    if (chunk.every((l) => l.trim() === '')) continue;
    try {
      const res = await apiFetch(opts, `/projects/${projectId}/samples`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: chunk.join('\n') });
      const r = (await res.json()) as Omit<IngestSummary, 'chunks'>;
      summary.received += r.received;
      summary.inserted += r.inserted;
      summary.duplicates += r.duplicates;
      summary.gold += r.gold;
      summary.chunks += 1;
      onChunk(Math.min(start + INGEST_CHUNK, lines.length), lines.length);
    } catch (err) {
      if (err instanceof ApiFailure && err.body.error?.details) {
        for (const d of err.body.error.details) if (d.line && d.line > 0) d.line += start;
        const first = err.body.error.details[0];
        if (first) err.message = `${first.line ? `line ${first.line}: ` : ''}${first.field}: ${first.message}`;
      }
      throw err;
    }
  }
  return summary;
}
