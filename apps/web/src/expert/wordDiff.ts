/**
 * Word-level comparison of a pair's two texts, two ways:
 * - differences: the longest common subsequence of words is aligned, every other word is "only"
 *   in its text — what a near-copy changed;
 * - shared: content words that the other text also uses, in any order — what a request and an
 *   offer, which rarely share sentences, have in common.
 * Words compare case-insensitively and a plural "s" is ignored ("Cats" = "cat").
 *
 * The project has no diff library installed, hence this small LCS. It trims the common start and
 * end first (texts of a pair often share them) and gives up above MAX_CELLS table cells, so a
 * pair of very long texts costs at most a few milliseconds and some megabytes once.
 */
export type DiffToken = { text: string; only: boolean; shared: boolean };
/** sharedRatio: share of the two texts' words that the other text also uses (0–1). */
export type WordDiff = { a: DiffToken[]; b: DiffToken[]; compared: boolean; sharedRatio: number };

/** 4 M cells ≈ two texts of 2,000 words each after trimming; 8 MB of Uint16, tens of ms. */
export const MAX_CELLS = 4_000_000;

const TOKEN = /\s+|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const isSpace = (t: string) => /^\s+$/.test(t);
const isWord = (t: string) => /[\p{L}\p{N}]/u.test(t);
const keyOf = (t: string) => {
  const k = t.toLocaleLowerCase();
  return k.length > 3 && k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
};
/** Words too common to say anything about a match when both texts use them. */
const STOP = new Set('a an and are as at be but by can do for from have i if in is it me my no not of on or our so that the their them they this to up us was we what when will with you your'.split(' '));

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Indices of the words of `a` and `b` (whitespace excluded) that form a longest common subsequence. */
function commonWords(a: readonly string[], b: readonly string[]): { inA: Set<number>; inB: Set<number> } | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const inA = new Set<number>();
  const inB = new Set<number>();
  for (let i = 0; i < start; i++) (inA.add(i), inB.add(i));
  for (let i = 0; i < a.length - endA; i++) (inA.add(endA + i), inB.add(endB + i));
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { inA, inB };
  if (n * m > MAX_CELLS || n >= 65535 || m >= 65535) return null;
  // lcs[i][j] = LCS length of a[start+i..] and b[start+j..], filled from the end.
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      inA.add(start + i);
      inB.add(start + j);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return { inA, inB };
}

export function wordDiff(textA: string, textB: string): WordDiff {
  const ta = tokenize(textA);
  const tb = tokenize(textB);
  const wa = ta.map((t, i) => [keyOf(t), i] as const).filter(([t]) => !isSpace(t));
  const wb = tb.map((t, i) => [keyOf(t), i] as const).filter(([t]) => !isSpace(t));
  const keysA = new Set(wa.map(([k]) => k));
  const keysB = new Set(wb.map(([k]) => k));
  const sharedWith = (other: Set<string>) => (text: string) => isWord(text) && !STOP.has(keyOf(text)) && other.has(keyOf(text));
  const words = [...wa, ...wb].filter(([k]) => isWord(k));
  const sharedRatio = words.length === 0 ? 1 : (wa.filter(([k]) => isWord(k) && keysB.has(k)).length + wb.filter(([k]) => isWord(k) && keysA.has(k)).length) / words.length;
  const common = commonWords(
    wa.map(([k]) => k),
    wb.map(([k]) => k),
  );
  const onlyA = new Set(common ? wa.filter((_, k) => !common.inA.has(k)).map(([, i]) => i) : []);
  const onlyB = new Set(common ? wb.filter((_, k) => !common.inB.has(k)).map(([, i]) => i) : []);
  return {
    a: ta.map((text, i) => ({ text, only: onlyA.has(i), shared: sharedWith(keysB)(text) })),
    b: tb.map((text, i) => ({ text, only: onlyB.has(i), shared: sharedWith(keysA)(text) })),
    compared: common !== null,
    sharedRatio,
  };
}
