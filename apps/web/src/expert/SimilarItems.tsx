import type { TSimilarItem } from '@quorum/contracts';
import { labelTone, percent, prettyLabel } from '../components/labels';

const clip = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Items of the project already settled whose texts resemble this pair, with how they ended. */
export function SimilarItems({ items, labels }: { items: readonly TSimilarItem[]; labels: readonly string[] }) {
  if (items.length === 0) return <p className="muted">No similar item has been settled yet.</p>;
  return (
    <ul className="similar-list" aria-label="Similar settled items">
      {items.map((s) => (
        <li key={s.itemId} className="similar">
          <span className="similar-texts">
            <span className="queue-text">
              <span className="pair-tag">A</span>
              {clip(s.textA)}
            </span>
            <span className="queue-text">
              <span className="pair-tag">B</span>
              {clip(s.textB)}
            </span>
          </span>
          <span className="similar-meta">
            {s.label ? (
              <span className={`chip chip-small tone-${labelTone(s.label, labels)}`}>{prettyLabel(s.label)}</span>
            ) : (
              <span className="chip chip-small tone-excluded">{s.decision === 'ambiguous' ? 'Ambiguous' : 'Invalid pair'}</span>
            )}
            <span className="muted">
              {s.decidedBy} · {percent(s.similarity)} alike
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
