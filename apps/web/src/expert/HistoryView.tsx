import type { TReviewAgreement, TReviewHistoryEntry } from '@quorum/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { relativeTime } from '../components/format';
import { Kbd } from '../components/Kbd';
import { labelTone, percent, prettyLabel } from '../components/labels';
import { Notice } from '../components/Notice';
import { useHotkeys } from '../components/useHotkeys';
import { useResource } from '../components/useResource';

const PAGE_SIZE = 20;
const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function Decision({ e, labels }: { e: TReviewHistoryEntry; labels: readonly string[] }) {
  if (e.decision === 'label' && e.label) return <span className={`chip chip-small tone-${labelTone(e.label, labels)}`}>{prettyLabel(e.label)}</span>;
  return <span className="chip chip-small tone-excluded">{e.decision === 'ambiguous' ? 'Ambiguous' : 'Invalid pair'}</span>;
}

const share = (s: number | null) => (s === null ? '—' : percent(s));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "3 of 4 labels · 2 set aside"; ties and set-asides have no crowd label to agree with. */
const basis = (f: { agreed: number; comparable: number; ambiguous: number; invalid: number; decisions: number }) =>
  f.comparable === 0 ? `nothing to compare yet · ${plural(f.decisions, 'decision')}` : `${f.agreed} of ${plural(f.comparable, 'label')} · ${f.ambiguous + f.invalid} set aside`;

/** Expert–crowd agreement: the caller's and the project's. */
export function AgreementFigures({ agreement }: { agreement: TReviewAgreement | undefined }) {
  const me = agreement?.experts.find((e) => e.isMe);
  return (
    <dl className="agreement-figures" aria-label="Agreement with the crowd">
      <div className="stat">
        <dt className="stat-label">You agreed with the crowd</dt>
        <dd className="stat-value">{share(me?.share ?? null)}</dd>
        <dd className="muted stat-sub">{me ? basis(me) : 'no decisions yet'}</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">All experts, this project</dt>
        <dd className="stat-value">{share(agreement?.project.share ?? null)}</dd>
        <dd className="muted stat-sub">{agreement ? basis(agreement.project) : '…'}</dd>
      </div>
    </dl>
  );
}

/**
 * The caller's settled reviews, newest first, a page at a time, with an Undo while the window is
 * open; above them, how often they and the project's experts chose the crowd's leading label.
 * ←/→ turn pages.
 */
export function HistoryView({ projectId, labels, onUndo, now = Date.now() }: { projectId: string; labels: readonly string[]; onUndo: (reviewId: string) => void; now?: number }) {
  const [page, setPage] = useState(1);
  const history = useResource(`history:${projectId}:${page}`, () => api.reviewHistory(projectId, page, PAGE_SIZE));
  const agreement = useResource(`agreement:${projectId}`, () => api.reviewAgreement(projectId));
  const pages = Math.max(1, Math.ceil((history.data?.total ?? 0) / PAGE_SIZE));
  useHotkeys((e) => {
    if (e.key === 'ArrowRight' && page < pages) setPage(page + 1);
    else if (e.key === 'ArrowLeft' && page > 1) setPage(page - 1);
    else return false;
    return true;
  });
  return (
    <section className="history" aria-labelledby="history-title">
      <div className="page-head">
        <h1 id="history-title" className="page-title">
          Your decisions {history.data && <span className="count-pill">{history.data.total}</span>}
        </h1>
        <span className="muted hint">
          <Kbd>←</Kbd>/<Kbd>→</Kbd> pages · <Kbd>U</Kbd> undo last · <Kbd>Q</Kbd> queue
        </span>
      </div>
      <AgreementFigures agreement={agreement.data} />
      {history.error !== null && <Notice tone="error">{errorMessage(history.error)}</Notice>}
      {history.data?.entries.length === 0 && <p className="muted">Nothing settled yet.</p>}
      <ul className="history-list" aria-label="Settled reviews">
        {history.data?.entries.map((e) => (
          <li key={e.id} className="history-entry">
            <span className="queue-texts">
              <span className="queue-text">
                <span className="pair-tag">A</span>
                {clip(e.textA)}
              </span>
              <span className="queue-text">
                <span className="pair-tag">B</span>
                {clip(e.textB)}
              </span>
              {e.note && <span className="history-note">“{e.note}”</span>}
            </span>
            <span className="queue-meta">
              <Decision e={e} labels={labels} />
              <span className="muted">crowd: {e.crowdLabel ? prettyLabel(e.crowdLabel) : 'tied'}</span>
              <span className="muted">{relativeTime(e.settledAt, now)}</span>
              {e.inDataset && <span className="badge">In a dataset</span>}
              {e.undoableUntil && Date.parse(e.undoableUntil) > now && (
                <button type="button" className="button button-secondary button-small" onClick={() => onUndo(e.id)}>
                  Undo
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="button button-ghost button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ← Newer
          </button>
          <span className="muted">
            Page {page} of {pages}
          </span>
          <button type="button" className="button button-ghost button-small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older →
          </button>
        </nav>
      )}
    </section>
  );
}
