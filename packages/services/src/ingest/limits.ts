/**
 * How much one ingest request may send. NDJSON is streamed (memory stays flat whatever the size),
 * so its limit is a guard against runaway uploads rather than a memory budget; a JSON array is
 * parsed whole, so it stays small. Counted after gzip is undone, so a small compressed body
 * cannot expand past the limit.
 */
export type IngestLimits = {
  /** Bytes of one NDJSON body (decompressed). */
  maxBytes: number;
  /** Bytes of one JSON-array body (decompressed). */
  maxJsonBytes: number;
  /** Bytes of one NDJSON line. */
  maxLineBytes: number;
};

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * A line holds two texts of up to 100,000 characters (the largest maxTextLength), up to 3 bytes
 * each in UTF-8 for most scripts, plus the prediction and metadata: 1 MiB fits the worst case a
 * project can allow and stops a line-less stream early.
 */
export const INGEST_LIMITS_DEFAULT: IngestLimits = { maxBytes: 4 * GiB, maxJsonBytes: 10 * MiB, maxLineBytes: 1 * MiB };
