import type { RowFinding } from '../datasets/findings';
import { textLength } from './text';
import { textBrokenUnicode } from './unicode';

/**
 * Every invalid value of a candidate row, not only the first, so one look at the quarantine
 * shows all that has to be fixed. Unlike checkDatasetRow (the first-failure check ingest and
 * the old merge use), "empty" means empty after normalisation: a text of zero-width spaces
 * looks blank to a labeller and to a model.
 */
// Exactly the texts normaliseText turns into '': whitespace, control and format characters
// (NFKC maps nothing else to whitespace or nothing). One regex instead of a full normalisation.
const BLANK = /^[\s\p{Cc}\p{Cf}]*$/u;

export type InvalidValueRow = { textA: string; textB: string; label: string };

function invalidTextFindings(field: 'textA' | 'textB', text: string, maxTextLength: number, out: RowFinding[]): void {
  if (BLANK.test(text)) {
    out.push({ code: 'empty_text', field, message: `${field} is empty or only whitespace` });
  }
  const broken = textBrokenUnicode(text);
  if (broken !== null) {
    out.push({ code: 'broken_unicode', field, message: `${field} contains broken unicode (${broken})` });
  }
  // UTF-16 length bounds the code point count from above, so most texts skip the count.
  if (text.length > maxTextLength && textLength(text) > maxTextLength) {
    out.push({ code: 'text_too_long', field, message: `${field} is longer than ${maxTextLength} characters` });
  }
}

export function invalidValueFindings(
  row: InvalidValueRow,
  opts: { labels: readonly string[]; maxTextLength: number },
): RowFinding[] {
  const out: RowFinding[] = [];
  invalidTextFindings('textA', row.textA, opts.maxTextLength, out);
  invalidTextFindings('textB', row.textB, opts.maxTextLength, out);
  if (!opts.labels.includes(row.label)) {
    out.push({ code: 'unknown_label', field: 'label', message: `label '${row.label}' is not in the label set` });
  }
  return out;
}
