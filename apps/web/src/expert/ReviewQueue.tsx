import type { TReviewSummary } from '@quorum/contracts';
import { useEffect, useRef, useState } from 'react';
import type { ReviewFilters } from '../api/endpoints';
import { relativeTime } from '../components/format';
import { Kbd } from '../components/Kbd';
import { labelTone, prettyLabel } from '../components/labels';
import { useHotkeys } from '../components/useHotkeys';
import { priorityReasons } from './priority';
import { QueueFilters } from './QueueFilters';

type Props = {
  reviews: readonly TReviewSummary[] | undefined;
  total?: number;
  labels?: readonly string[];
  filters?: ReviewFilters;
  onFilters?: (f: ReviewFilters) => void;
  onOpen: (review: TReviewSummary) => void;
  busyId?: string | null;
  now?: number;
};

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The expert queue, most worth settling first, with why. J/K or ↑/↓ move, Enter opens (claims).
 * Items another expert claims leave the list the moment they do.
 */
export function ReviewQueue({ reviews, total, labels = [], filters = {}, onFilters, onOpen, busyId, now = Date.now() }: Props) {
  const [cursor, setCursor] = useState(0);
  const list = reviews ?? [];
  const at = Math.min(cursor, Math.max(0, list.length - 1));
  const rows = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    rows.current[at]?.scrollIntoView?.({ block: 'nearest' });
  }, [at]);

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

  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title" className="page-title">
          Review queue {reviews && <span className="count-pill">{total ?? list.length}</span>}
        </h1>
        <span className="muted hint">
          <Kbd>J</Kbd>/<Kbd>K</Kbd> move · <Kbd>Enter</Kbd> claim &amp; open · <Kbd>U</Kbd> undo last · <Kbd>H</Kbd> history
        </span>
      </div>
      {onFilters && labels.length > 0 && <QueueFilters labels={labels} filters={filters} onChange={onFilters} />}
      {reviews === undefined ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        <div className="empty card">
          <h2>{filtered ? 'Nothing matches these filters' : 'Nothing to review'}</h2>
          <p className="muted">{filtered ? 'Clear a filter to see more of the queue.' : 'Escalated pairs appear here the moment the crowd disagrees on one.'}</p>
        </div>
      ) : (
        <ul className="queue-list">
          {list.map((r, i) => (
            <li key={r.id}>
              <button
                ref={(el) => {
                  rows.current[i] = el;
                }}
                type="button"
                className={`queue-item ${i === at ? 'queue-item-cursor' : ''}`}
                onClick={() => onOpen(r)}
                disabled={busyId === r.id}
                aria-label={`Open review: ${clip(r.textA, 60)}`}
                aria-current={i === at || undefined}
              >
                <span className="queue-priority" title="Priority: disagreement × model error rate at this confidence">
                  <span className="queue-priority-value">{r.priority.score.toFixed(2)}</span>
                  <span className="queue-priority-track" aria-hidden="true">
                    <span className="queue-priority-fill" style={{ width: `${Math.min(1, r.priority.score / 0.5) * 100}%` }} />
                  </span>
                </span>
                <span className="queue-texts">
                  <span className="queue-text">
                    <span className="pair-tag">A</span>
                    {clip(r.textA)}
                  </span>
                  <span className="queue-text">
                    <span className="pair-tag">B</span>
                    {clip(r.textB)}
                  </span>
                  <span className="queue-why muted">{priorityReasons(r.priority, r.voteCounts, r.crowdLabel).join(' · ')}</span>
                </span>
                <span className="queue-meta">
                  {r.claimedByMe && <span className="badge badge-claimed">Claimed by you</span>}
                  {r.crowdLabel && <span className={`chip chip-small tone-${labelTone(r.crowdLabel, labels)}`}>crowd: {prettyLabel(r.crowdLabel)}</span>}
                  {r.modelLabel && <span className="muted">model: {prettyLabel(r.modelLabel)}</span>}
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
