import { textHasLoneSurrogate, textIsBlank, textLength } from './text';

/**
 * Row-level data checks run before a row enters a dataset version. A failing row is quarantined
 * with the returned reason (DESIGN.md, step 7), so the reason names the field and the problem in
 * words an engineer can act on. The first failing check wins; checks run in field order.
 */
export type DatasetRowInput = { textA: string; textB: string; label: string };

function checkDatasetText(field: 'textA' | 'textB', text: string, maxTextLength: number): string | null {
  if (textIsBlank(text)) {
    return `${field} is empty`;
  }
  if (textHasLoneSurrogate(text)) {
    return `${field} contains broken unicode (lone surrogate)`;
  }
  if (textLength(text) > maxTextLength) {
    return `${field} is longer than ${maxTextLength} characters`;
  }
  return null;
}

export function checkDatasetRow(
  row: DatasetRowInput,
  opts: { labels: readonly string[]; maxTextLength: number },
): string | null {
  return (
    checkDatasetText('textA', row.textA, opts.maxTextLength) ??
    checkDatasetText('textB', row.textB, opts.maxTextLength) ??
    (opts.labels.includes(row.label) ? null : `label '${row.label}' is not in the label set`)
  );
}
