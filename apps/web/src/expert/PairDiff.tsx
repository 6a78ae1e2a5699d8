import { useMemo } from 'react';
import { wordDiff, type DiffToken } from './wordDiff';

/** What the pair highlights: words only one text has, words both use, or nothing. */
export type HighlightMode = 'differences' | 'shared' | 'off';
export const NEXT_MODE: Record<HighlightMode, HighlightMode> = { differences: 'shared', shared: 'off', off: 'differences' };

/**
 * Near-copies are read best by their differences; a request and an offer, which rarely share a
 * sentence, by the words they have in common. Below this share of common words, start there.
 */
export const SHARED_FIRST_BELOW = 0.5;
export const initialMode = (textA: string, textB: string): HighlightMode => (wordDiff(textA, textB).sharedRatio < SHARED_FIRST_BELOW ? 'shared' : 'differences');

type Run = { text: string; on: boolean };

/** Consecutive tokens as runs; a space between two highlighted words joins them. */
function runs(tokens: readonly DiffToken[], on: (t: DiffToken) => boolean): Run[] {
  const out: Run[] = [];
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const lit = on(t) || (/^\s+$/.test(t.text) && prev !== undefined && next !== undefined && on(prev) && on(next));
    const last = out[out.length - 1];
    if (last && last.on === lit) last.text += t.text;
    else out.push({ text: t.text, on: lit });
  });
  return out;
}

function Side({ tag, tokens, mode }: { tag: 'A' | 'B'; tokens: DiffToken[]; mode: HighlightMode }) {
  const on = (t: DiffToken) => (mode === 'differences' ? t.only : mode === 'shared' ? t.shared : false);
  return (
    <section className="pair-text" aria-label={`Text ${tag}`}>
      <span className="pair-tag">{tag}</span>
      <p>
        {runs(tokens, on).map((r, i) =>
          r.on ? (
            <mark key={i} className={mode === 'shared' ? 'diff-shared' : 'diff-only'}>
              {r.text}
            </mark>
          ) : (
            <span key={i}>{r.text}</span>
          ),
        )}
      </p>
    </section>
  );
}

/** The two texts side by side, long ones scrolling within their box, with the chosen highlight. */
export function PairDiff({ textA, textB, mode = 'differences' }: { textA: string; textB: string; mode?: HighlightMode }) {
  const diff = useMemo(() => wordDiff(textA, textB), [textA, textB]);
  const shown = mode === 'differences' && !diff.compared ? 'off' : mode;
  return (
    <div className="pair pair-large pair-diff">
      <Side tag="A" tokens={diff.a} mode={shown} />
      <Side tag="B" tokens={diff.b} mode={shown} />
      {mode === 'differences' && !diff.compared && <p className="muted diff-note">These texts are too long to compare word by word.</p>}
    </div>
  );
}
