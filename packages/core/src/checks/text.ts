/**
 * Text facts shared by ingest and the dataset checks, so both count length and spot broken
 * unicode the same way.
 */

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Length in Unicode code points, not UTF-16 units: PostgreSQL's char_length counts code points,
 * and an emoji should count as one character for the labeller as well.
 */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) {
    n++;
  }
  return n;
}

/** JSON allows "\ud800" escapes; such strings cannot be encoded as UTF-8 without loss. */
export function textHasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

export function textIsBlank(s: string): boolean {
  return s.trim().length === 0;
}
