import { CopyButton } from '../components/CopyButton';
import { count, dateTime, relativeTime } from '../components/format';
import { ChecksReport } from './ChecksReport';
import type { DatasetVersion } from './datasetTypes';
import { DecisionBar, type Decision } from './DecisionBar';
import { DiffPanel } from './DiffPanel';
import { DownloadPanel } from './DownloadPanel';
import { SplitLabelCounts } from './SplitLabelCounts';

type Props = {
  version: DatasetVersion;
  versions: readonly DatasetVersion[];
  labels: readonly string[];
  onDecide: (decision: Decision, note: string | undefined) => void;
  pending: Decision | null;
  decisionError: string | null;
  now: number;
};

/** The selected version: its decision or downloads, rows per split × label, the checks report and the diff. */
export function VersionDetail({ version: v, versions, labels, onDecide, pending, decisionError, now }: Props) {
  return (
    <div className="version-detail">
      <section className={`panel version-overview version-${v.status}`} aria-labelledby="version-title">
        <div className="panel-head version-head">
          <h2 id="version-title" className="version-title">
            Version {v.number}
          </h2>
          <span className={`badge badge-${v.status}`}>{v.status}</span>
          <span className="spacer" />
          <span className="muted" title={dateTime(v.createdAt)}>
            merged {relativeTime(v.createdAt, now)} · {count(v.rowCount)} rows
          </span>
        </div>
        <p className="version-hash">
          <span className="muted">Content hash</span> <code className="hash hash-full">{v.contentHash}</code>
          <CopyButton text={v.contentHash} label={`Copy the content hash of version ${v.number}`} />
        </p>
        {v.status === 'candidate' && <DecisionBar key={v.id} versionNumber={v.number} onDecide={onDecide} pending={pending} />}
        {v.status !== 'candidate' && (
          <p className="version-decision">
            <strong>{v.status === 'approved' ? 'Approved' : 'Rejected'}</strong>
            {v.decidedBy && <> by {v.decidedBy}</>}
            {v.decidedAt && <span title={dateTime(v.decidedAt)}> {relativeTime(v.decidedAt, now)}</span>}
            {v.decisionNote ? <span className="timeline-note">“{v.decisionNote}”</span> : <span className="muted"> · no note</span>}
          </p>
        )}
        {/* Outside the decision bar: a refusal because someone else decided first must outlive the bar. */}
        {decisionError && (
          <p className="field-error" role="alert">
            {decisionError}
          </p>
        )}
        {v.status === 'approved' && <DownloadPanel key={v.id} version={v} />}
        <h3 className="section-title">Rows per split and label</h3>
        <SplitLabelCounts counts={v.counts} labels={labels} />
      </section>
      <section className="panel" aria-labelledby="checks-title">
        <h3 id="checks-title" className="panel-title">
          Data checks
        </h3>
        <ChecksReport key={v.id} version={v} />
      </section>
      <section className="panel" aria-labelledby="diff-title">
        <h3 id="diff-title" className="panel-title">
          Diff
        </h3>
        {v.status === 'rejected' ? (
          <p className="muted">A rejected version keeps its report but no rows, so there is nothing to compare.</p>
        ) : (
          <DiffPanel key={v.id} version={v} versions={versions} labels={labels} />
        )}
      </section>
    </div>
  );
}
