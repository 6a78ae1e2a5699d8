import type { TReviewSummary } from '@quorum/contracts';
import { useState } from 'react';
import { relativeTime } from '../components/format';
import { Kbd } from '../components/Kbd';
import { percent } from '../components/labels';
import { useHotkeys } from '../components/useHotkeys';

type Props = {
  reviews: readonly TReviewSummary[] | undefined;
  onOpen: (review: TReviewSummary) => void;
  busyId?: string | null;
  now?: number;
};

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The expert queue: your claims first, then the oldest. j/k or ↑/↓ move, Enter opens. */
export function ReviewQueue({ reviews, onOpen, busyId, now = Date.now() }: Props) {
  const [cursor, setCursor] = useState(0);
  const list = reviews ?? [];
  const at = Math.min(cursor, Math.max(0, list.length - 1));

  useHotkeys((e) => {
    if (list.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'j') setCursor(Math.min(at + 1, list.length - 1));
    else if (e.key === 'ArrowUp' || e.key === 'k') setCursor(Math.max(at - 1, 0));
    else if (e.key === 'Enter' || e.key === 'o') {
      const r = list[at];
      if (r && !busyId) onOpen(r);
    } else return false;
    return true;
  });

  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title" className="page-title">
          Review queue {reviews && <span className="count-pill">{list.length}</span>}
        </h1>
        <span className="muted hint">
          <Kbd>J</Kbd>/<Kbd>K</Kbd> move · <Kbd>Enter</Kbd> open
        </span>
      </div>
      {reviews === undefined ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        <div className="empty card">
          <h2>Nothing to review</h2>
          <p className="muted">Escalated pairs appear here the moment the crowd disagrees on one.</p>
        </div>
      ) : (
        <ul className="queue-list">
          {list.map((r, i) => (
            <li key={r.id}>
              <button type="button" className={`queue-item ${i === at ? 'queue-item-cursor' : ''}`} onClick={() => onOpen(r)} disabled={busyId === r.id} aria-label={`Open review: ${clip(r.textA, 60)}`}>
                <span className="queue-texts">
                  <span className="queue-text">
                    <span className="pair-tag">A</span>
                    {clip(r.textA)}
                  </span>
                  <span className="queue-text">
                    <span className="pair-tag">B</span>
                    {clip(r.textB)}
                  </span>
                </span>
                <span className="queue-meta">
                  {r.claimedByMe && <span className="badge badge-claimed">Claimed by you</span>}
                  <span className="agreement" title="Agreement among the crowd">
                    {percent(r.agreement)} agree
                  </span>
                  <span className="muted">{relativeTime(r.createdAt, now)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
