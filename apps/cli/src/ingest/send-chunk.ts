import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ApiFailure, type ClientOptions } from '../client';
import type { IngestTotals } from './checkpoint';

const gzipAsync = promisify(gzip);

export type ChunkResult = IngestTotals & { errors: { line: number; field: string; message: string }[] };

export type RetryOptions = { retries: number; delayMs: number; onRetry?: (attempt: number, reason: string, waitMs: number) => void };

/** A network failure, a 5xx or a 429: the same chunk may simply be sent again (ingest is idempotent). */
class Retryable extends Error {}

/** Longest a chunk may take on the server before it counts as lost. */
const CHUNK_TIMEOUT_MS = 10 * 60_000;

async function postOnce(opts: ClientOptions, url: string, body: Buffer): Promise<ChunkResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
      body,
      signal: AbortSignal.timeout(CHUNK_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Retryable(cause?.code ?? cause?.message ?? (err as Error).message);
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return JSON.parse(text) as ChunkResult;
  let parsed: ApiFailure['body'];
  try {
    parsed = JSON.parse(text) as ApiFailure['body'];
  } catch {
    parsed = { error: { message: text.slice(0, 200) || `HTTP ${res.status}` } };
  }
  if (res.status >= 500 || res.status === 429) throw new Retryable(`HTTP ${res.status}: ${parsed.error?.message ?? ''}`);
  throw new ApiFailure(res.status, parsed);
}

/**
 * Sends one chunk gzipped, retrying network failures, 5xx and 429 with exponential backoff and
 * jitter (delay × 2^attempt, at most 30 s). A 4xx is the data's fault and is not retried.
 */
export async function sendChunk(opts: ClientOptions, projectId: string, ndjson: Buffer, partial: boolean, retry: RetryOptions): Promise<ChunkResult> {
  const url = `${opts.url.replace(/\/$/, '')}/api/v1/projects/${projectId}/samples${partial ? '?partial=true' : ''}`;
  const body = await gzipAsync(ndjson);
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(opts, url, body);
    } catch (err) {
      if (!(err instanceof Retryable) || attempt >= retry.retries) throw err instanceof Retryable ? new Error(`the server could not be reached (${err.message}) after ${attempt + 1} attempts`) : err;
      const waitMs = Math.min(30_000, retry.delayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      retry.onRetry?.(attempt + 1, err.message, waitMs);
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}
