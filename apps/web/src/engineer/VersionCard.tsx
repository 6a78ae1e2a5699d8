import type { TDatasetVersion } from '@quorum/contracts';
import { useState } from 'react';
import { count, dateTime, relativeTime, shortHash } from '../components/format';
import { ReportSummary } from './ReportSummary';

export type Decision = 'approve' | 'reject';

type Props = {
  version: TDatasetVersion;
  exportUrl: string;
  onDecide: (decision: Decision, note: string | undefined) => void;
  busy?: boolean;
  now?: number;
};

/** One dataset version: numbers, hash, report, and the approve/reject or download action. */
export function VersionCard({ version: v, exportUrl, onDecide, busy, now = Date.now() }: Props) {
  const [note, setNote] = useState('');
  const decide = (d: Decision) => onDecide(d, note.trim() ? note.trim() : undefined);
  return (
    <article className={`version version-${v.status}`} aria-label={`Version ${v.number}`}>
      <header className="version-head">
        <h3 className="version-title">v{v.number}</h3>
        <span className={`badge badge-${v.status}`}>{v.status}</span>
        <code className="hash" title={v.contentHash}>
          {shortHash(v.contentHash)}
        </code>
        <span className="muted" title={dateTime(v.createdAt)}>
          created {relativeTime(v.createdAt, now)}
        </span>
        <span className="spacer" />
        {v.status === 'approved' && (
          <a className="button button-secondary" href={exportUrl} download={`dataset-v${v.number}.jsonl`}>
            Download JSONL
          </a>
        )}
      </header>
      <div className="version-body">
        <dl className="version-numbers">
          <div>
            <dt>Rows</dt>
            <dd>{count(v.rowCount)}</dd>
          </div>
          <div>
            <dt>Added</dt>
            <dd>+{count(v.addedCount)}</dd>
          </div>
        </dl>
        <ReportSummary report={v.report} />
      </div>
      {v.status === 'candidate' ? (
        <div className="version-decide">
          <label className="field field-inline">
            <span className="sr-only">Decision note for version {v.number}</span>
            <input type="text" placeholder="Note (optional)" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" className="button button-ghost button-danger" onClick={() => decide('reject')} disabled={busy}>
            Reject
          </button>
          <button type="button" className="button button-primary" onClick={() => decide('approve')} disabled={busy}>
            Approve
          </button>
        </div>
      ) : (
        v.decidedAt && (
          <p className="version-decision muted">
            {v.status === 'approved' ? 'Approved' : 'Rejected'} {v.decidedBy ? `by ${v.decidedBy} ` : ''}
            {relativeTime(v.decidedAt, now)}
            {v.decisionNote && <> — “{v.decisionNote}”</>}
          </p>
        )
      )}
    </article>
  );
}
