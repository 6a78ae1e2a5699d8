/** How a label reads on screen: the defaults `match` / `no_match` become "Match" / "No match". */
export function prettyLabel(label: string): string {
  const words = label.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : label;
}

/** A stable tone per label for badges and bars: the first label is positive, the second negative. */
export function labelTone(label: string, labels: readonly string[]): 'pos' | 'neg' | 'other' {
  const i = labels.indexOf(label);
  if (i === 0) return 'pos';
  if (i === 1) return 'neg';
  return 'other';
}

export const percent = (p: number, digits = 0) => `${(p * 100).toFixed(digits)}%`;
