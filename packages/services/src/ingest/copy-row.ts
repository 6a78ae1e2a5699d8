import { hash } from 'node:crypto';
import { pairKey, type SampleRow } from '@quorum/core';

/**
 * A sample row as one line of PostgreSQL's COPY text format, in the staging table's column
 * order (staging.ts). Also the two hashes core leaves to us (core does no crypto).
 */

/**
 * sample.pair_key: sha256 of the normalised pair (core pairKey), 22 base64url characters (132
 * bits). A hash, not the key itself: a btree entry must stay under ~2.7 kB and a pair may hold
 * two 100,000-character texts; 132 bits keep collisions out of reach for any project's samples.
 * Equal hashes mean the same question; similarity (near-duplicates) needs the texts.
 */
export function samplePairKey(normalisedPair: string): string {
  return hash('sha256', normalisedPair, 'base64url').slice(0, 22);
}

/** sample.pair_key for two texts, as ingest stores it (for rows stored before the column existed). */
export function samplePairKeyOf(textA: string, textB: string, opts: { symmetric: boolean }): string {
  return samplePairKey(pairKey(textA, textB, opts));
}

/** sha256 of the canonical content (SampleRow.contentKey): equal hashes, nothing to update. */
export function sampleContentHash(contentKey: string): string {
  return hash('sha256', contentKey, 'base64url');
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIAL_ALL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** COPY text format: backslash, newline, carriage return and tab are escaped; \N is NULL. */
function copyValue(s: string | null): string {
  if (s === null) return '\\N';
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!) : s;
}

export const STAGING_COLUMNS = [
  'line',
  'external_id',
  'text_a',
  'text_b',
  'model_label',
  'model_probs',
  'predictions',
  'model_version',
  'metadata',
  'model_confidence',
  'uncertainty',
  'pair_key',
  'content_hash',
  'gold_label',
  'seen',
] as const;

/** `seen`: the request may have sent this external id before (SeenIds). */
export function copyRowLine(line: number, r: SampleRow, seen: boolean): string {
  return [
    String(line),
    copyValue(r.externalId),
    copyValue(r.textA),
    copyValue(r.textB),
    copyValue(r.modelLabel),
    copyValue(r.modelProbsJson),
    copyValue(r.predictionsJson),
    copyValue(r.modelVersion),
    copyValue(r.metadataJson),
    String(r.modelConfidence),
    String(r.uncertainty),
    samplePairKey(r.normalisedPair),
    sampleContentHash(r.contentKey),
    copyValue(r.goldLabel),
    seen ? 't' : 'f',
  ].join('\t') + '\n';
}
