import { textHasLoneSurrogate } from './text';

/**
 * Broken unicode a dataset row must not carry: it either cannot be written as UTF-8 (lone
 * surrogates), or shows that text was already damaged upstream (U+FFFD is what a decoder puts
 * where bytes were invalid; control characters come from binary or mis-decoded input).
 * Tab, line feed and carriage return are ordinary in pasted text and stay allowed.
 */
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// One scan that clean text (nearly all of it) fails at once; surrogates include valid pairs.
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffd]/;

/** What is broken, in words, or null when the text is clean. */
export function textBrokenUnicode(s: string): string | null {
  if (!SUSPECT.test(s)) {
    return null;
  }
  if (textHasLoneSurrogate(s)) {
    return 'a lone surrogate';
  }
  if (s.includes('\ufffd')) {
    return 'U+FFFD, the mark of text damaged in decoding';
  }
  const control = CONTROL_CHAR.exec(s);
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `control character U+${hex}`;
  }
  return null;
}
