import { canonicalJson } from '../datasets/canonical';
import { textHasLoneSurrogate } from '../checks/text';
import type { IngestFieldError } from './distribution';

/**
 * A sample's free-form metadata (a request id, a market, a timestamp): stored as jsonb and part of
 * the content hash. Capped so one line cannot bloat the table: the canonical JSON must fit in
 * INGEST_METADATA_MAX_CHARS characters and nest at most INGEST_METADATA_MAX_DEPTH levels.
 */
export const INGEST_METADATA_MAX_CHARS = 16_384;
export const INGEST_METADATA_MAX_DEPTH = 16;

export type MetadataOutcome = { ok: true; json: string } | { ok: false; error: IngestFieldError };

/**
 * The first string (key or value) PostgreSQL's jsonb would refuse, or nesting too deep, as a
 * path for the message. Depth is checked before recursing, so a hostile line cannot exhaust the
 * stack here or in canonicalJson afterwards.
 */
function metadataProblem(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      return `${path} contains a NUL character (U+0000), which cannot be stored`;
    }
    return textHasLoneSurrogate(value) ? `${path} contains broken unicode (lone surrogate)` : null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  if (depth >= INGEST_METADATA_MAX_DEPTH) {
    return `metadata nests deeper than ${INGEST_METADATA_MAX_DEPTH} levels`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = metadataProblem(value[i], `${path}[${i}]`, depth + 1);
      if (p !== null) {
        return p;
      }
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = metadataProblem(k, `${path} key '${k.slice(0, 40)}'`, depth + 1) ?? metadataProblem(v, `${path}.${k}`, depth + 1);
    if (p !== null) {
      return p;
    }
  }
  return null;
}

/** Checks parsed JSON metadata and returns its canonical JSON (sorted keys), the form stored and hashed. */
export function ingestMetadata(value: Record<string, unknown>): MetadataOutcome {
  const problem = metadataProblem(value, 'metadata', 0);
  if (problem !== null) {
    return { ok: false, error: { field: 'metadata', message: problem } };
  }
  const json = canonicalJson(value);
  if (json.length > INGEST_METADATA_MAX_CHARS) {
    return { ok: false, error: { field: 'metadata', message: `metadata is ${json.length} characters as JSON; the limit is ${INGEST_METADATA_MAX_CHARS}` } };
  }
  return { ok: true, json };
}
