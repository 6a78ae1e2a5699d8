import type { KeyboardEvent } from 'react';
import { CopyButton } from '../components/CopyButton';
import { count, dateTime, relativeTime, shortHash } from '../components/format';
import type { DatasetVersion } from './datasetTypes';

type Props = {
  version: DatasetVersion;
  /** The parent's number, when the parent is known; null for a first version. */
  parentNumber: number | null;
  selected: boolean;
  onSelect: () => void;
  onSelectParent: () => void;
  /** ↑/↓ on the entry's button move to the neighbouring version. */
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
  now: number;
};

const DOT: Record<DatasetVersion['status'], string> = { approved: '✓', candidate: '', rejected: '✕' };
const DECIDED: Record<DatasetVersion['status'], string> = { approved: 'Approved', rejected: 'Rejected', candidate: '' };

/** One version on the timeline: what it holds, where it came from, and who decided it. */
export function TimelineEntry({ version: v, parentNumber, selected, onSelect, onSelectParent, onKeyDown, now }: Props) {
  return (
    <li className={`timeline-entry timeline-${v.status} ${selected ? 'timeline-selected' : ''}`}>
      <span className="timeline-dot" aria-hidden="true">
        {DOT[v.status]}
      </span>
      {/* The whole card selects for the mouse; the keyboard uses the title button. */}
      <div className="timeline-card" onClick={onSelect}>
        <div className="timeline-head">
          <button id={`version-${v.id}`} type="button" className="timeline-select" aria-current={selected || undefined} onClick={onSelect} onKeyDown={onKeyDown}>
            Version {v.number}
          </button>
          <span className={`badge badge-${v.status}`}>{v.status}</span>
          <span className="spacer" />
          <span className="muted timeline-when" title={dateTime(v.createdAt)}>
            {relativeTime(v.createdAt, now)}
          </span>
        </div>
        <p className="timeline-figures">
          <span>
            <strong>{count(v.rowCount)}</strong> rows
          </span>
          <span className="delta-added" title="Rows added against the parent">
            +{count(v.addedCount)}
          </span>
          <span className="delta-removed" title="Rows removed against the parent">
            −{count(v.removedCount)}
          </span>
          <span title="Rows whose label changed against the parent">{count(v.relabelledCount)} relabelled</span>
          {v.quarantinedCount > 0 && <span className="delta-quarantined">{count(v.quarantinedCount)} quarantined</span>}
        </p>
        <p className="timeline-meta">
          <code className="hash" title={v.contentHash}>
            {shortHash(v.contentHash)}
          </code>
          <CopyButton text={v.contentHash} label={`Copy the content hash of version ${v.number}`} />
          {v.parentId === null ? (
            <span className="muted timeline-parent">first version</span>
          ) : (
            <button
              type="button"
              className="link-button timeline-parent"
              onClick={(e) => {
                e.stopPropagation();
                onSelectParent();
              }}
              aria-label={parentNumber === null ? 'Open the parent version' : `Open the parent, version ${parentNumber}`}
            >
              from v{parentNumber ?? '?'}
            </button>
          )}
        </p>
        {v.status !== 'candidate' && v.decidedAt && (
          <p className="timeline-decision">
            {DECIDED[v.status]} {v.decidedBy ? <>by {v.decidedBy} </> : null}
            <span title={dateTime(v.decidedAt)}>{relativeTime(v.decidedAt, now)}</span>
            {v.decisionNote && <span className="timeline-note">“{v.decisionNote}”</span>}
          </p>
        )}
      </div>
    </li>
  );
}
