import { z } from 'zod';
import { textHasLoneSurrogate, textIsBlank, textLength } from '../checks/text';
import type { Label } from '../words';
import { ingestDescribe } from './distribution';

/**
 * The zod pieces of one wire record. Messages are shown to users as {line, field, message}, so
 * each names the field and the problem in plain English.
 */

// PostgreSQL text and jsonb cannot hold U+0000; COPY would fail the whole request on it.
const NUL = '\u0000';

export function ingestString(field: string) {
  return z
    .string({
      error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string, got ${ingestDescribe(iss.input)}`),
    })
    .refine((s) => !s.includes(NUL), { error: `${field} contains a NUL character (U+0000), which cannot be stored`, abort: true })
    .refine((s) => !textHasLoneSurrogate(s), { error: `${field} contains broken unicode (lone surrogate)`, abort: true });
}

/** Length in code points (as PostgreSQL's char_length counts), so an emoji is one character. */
export function ingestText(field: string, maxTextLength: number) {
  return ingestString(field)
    .refine((s) => !textIsBlank(s), { error: `${field} is empty`, abort: true })
    .refine((s) => s.length <= maxTextLength || textLength(s) <= maxTextLength, {
      error: `${field} is longer than ${maxTextLength} characters`,
      abort: true,
    });
}

export function ingestLabel(field: string, labels: readonly Label[] | null) {
  return z
    .string({ error: (iss) => `${field} must be a string, got ${ingestDescribe(iss.input)}` })
    .refine((l) => labels === null || labels.includes(l), {
      error: (iss) => `${field} '${String(iss.input)}' is not in the label set (${(labels ?? []).join(', ')})`,
    })
    .nullish();
}

/** External ids and model versions: short, printable keys. */
export function ingestKey(field: string, max: number) {
  return ingestString(field)
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` });
}

export const INGEST_MAX_PASSES = 100;

export const ingestPasses = z
  .array(z.unknown(), { error: (iss) => `predictions must be an array of distributions, got ${ingestDescribe(iss.input)}` })
  .min(2, { error: 'predictions needs at least 2 passes (or leave it out)' })
  .max(INGEST_MAX_PASSES, { error: `predictions may hold at most ${INGEST_MAX_PASSES} passes` })
  .nullish();

export const ingestMetadataShape = z
  .record(z.string(), z.unknown(), { error: (iss) => `metadata must be an object, got ${ingestDescribe(iss.input)}` })
  .nullish();
