/**
 * The normal form two texts are compared in, so "Ｃａｔ", "cat\u200b" and "  CAT " are one text.
 * Every dataset check (duplicates, near-duplicates, splits) keys on this form; changing it
 * moves rows between splits in every later version, so treat it as frozen.
 */

// Format characters (Unicode category Cf): zero-width space/joiners, BOM, soft hyphen,
// bidi marks. They are invisible, so two texts differing only in them look identical.
const FORMAT_CHARS = /\p{Cf}/gu;
// Control characters become spaces so "a\u0000b" does not glue two words together.
const CONTROL_CHARS = /\p{Cc}/gu;
const WHITESPACE_RUN = /\s+/gu;
// Printable ASCII has nothing for NFKC, format or control stripping to do, and its case fold
// is toLowerCase; this path is ~5× faster and covers most English text.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPACE_RUN = / {2,}/g;

/**
 * The separator between the two texts of a pair key. A control character, so it can never
 * occur inside a normalised text (normaliseText turns them into spaces).
 */
export const PAIR_KEY_SEPARATOR = '\u001f';

/**
 * NFKC folds compatibility forms (full-width letters, ligatures, superscripts) and composes
 * combining accents (e + U+0301 → é). JavaScript has no case-fold; upper-then-lower casing is
 * the usual approximation of Unicode default case folding (The Unicode Standard §3.13): it
 * folds ß → ss and final sigma ς → σ, which toLowerCase alone does not. Casing can leave a
 * string unnormalised (İ → i + U+0307), hence the second NFKC.
 */
export function normaliseText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) {
    return text.toLowerCase().replace(SPACE_RUN, ' ').trim();
  }
  const compat = text.normalize('NFKC').replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ');
  return compat.toUpperCase().toLowerCase().normalize('NFKC').replace(WHITESPACE_RUN, ' ').trim();
}

export type NormalisedPair = { a: string; b: string; key: string };

/**
 * Both texts normalised, and the pair's key. With `symmetric`, the two texts are ordered
 * (by UTF-16 code units, locale-free) before keying, so (a, b) and (b, a) share one key.
 */
export function normalisePair(textA: string, textB: string, opts: { symmetric: boolean }): NormalisedPair {
  let a = normaliseText(textA);
  let b = normaliseText(textB);
  if (opts.symmetric && b < a) {
    [a, b] = [b, a];
  }
  return { a, b, key: `${a}${PAIR_KEY_SEPARATOR}${b}` };
}

/** The key that says "same pair": equal keys are duplicates. */
export function pairKey(textA: string, textB: string, opts: { symmetric: boolean }): string {
  return normalisePair(textA, textB, opts).key;
}

/** The two normalised texts back out of a key. */
export function pairKeySides(key: string): [string, string] {
  const at = key.indexOf(PAIR_KEY_SEPARATOR);
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}
