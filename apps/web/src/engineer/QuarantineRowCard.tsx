import { useState } from 'react';
import { count, dateTime, relativeTime } from '../components/format';
import { labelTone, prettyLabel } from '../components/labels';
import { codeName } from './datasetReport';
import type { QuarantinedRow, QuarantineFix } from './datasetTypes';
import { FixForm } from './FixForm';
import { ReleaseForm } from './ReleaseForm';

type Props = {
  row: QuarantinedRow;
  labels: readonly string[];
  onRelease: (note: string | undefined) => Promise<void>;
  onFix: (fix: QuarantineFix) => Promise<void>;
  now: number;
};

/** Values that are wrong in themselves: the server refuses to release them as they are. */
const INVALID_VALUE_CODES = new Set(['empty_text', 'text_too_long', 'broken_unicode', 'unknown_label']);

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

const STATUS_TEXT: Record<QuarantinedRow['status'], string> = {
  open: 'open',
  released: 'released: goes into the next merge as it is',
  fixed: 'fixed: goes into the next merge, checked again',
};

/** A text as stored; a blank one says so, since an empty box reads as "not loaded". */
function Text({ tag, text }: { tag: 'A' | 'B'; text: string }) {
  return (
    <section className="pair-text" aria-label={`Text ${tag}`}>
      <span className="pair-tag">{tag}</span>
      {text.trim() ? <p>{text}</p> : <p className="pair-empty">{text.length === 0 ? 'empty' : `only whitespace (${text.length} characters)`}</p>}
    </section>
  );
}

/** One quarantined row: why it was kept out, its texts and label, and Release or Fix while it is open. */
export function QuarantineRowCard({ row, labels, onRelease, onFix, now }: Props) {
  const [action, setAction] = useState<'release' | 'fix' | null>(null);
  const findings = Array.isArray(row.details.findings) && row.details.findings.length > 0 ? row.details.findings : null;
  const decidedBy = str(row.details.decidedBy);
  const decidedAt = str(row.details.decidedAt);
  const note = str(row.details.note);
  const releasable = !row.codes.some((c) => INVALID_VALUE_CODES.has(c));
  return (
    <article className={`quarantine-row quarantine-${row.status}`} aria-label={`Quarantined row ${row.externalId}`}>
      <header className="quarantine-head">
        <code className="quarantine-id">{row.externalId}</code>
        {row.codes.map((c) => (
          <span key={c} className="chip chip-small tone-excluded">
            {codeName(c)}
          </span>
        ))}
        <span className="spacer" />
        <span className="muted" title={dateTime(row.createdAt)}>
          version {count(row.versionNumber)} · {relativeTime(row.createdAt, now)}
        </span>
        <span className={`badge badge-q-${row.status}`} title={STATUS_TEXT[row.status]}>
          {row.status}
        </span>
      </header>
      <p className="quarantine-reason">{row.reason}</p>
      <div className="pair pair-small">
        <Text tag="A" text={row.textA} />
        <Text tag="B" text={row.textB} />
      </div>
      <div className="quarantine-label">
        <span className="muted">Label</span>
        {labels.includes(row.label) ? (
          <span className={`chip chip-small tone-${labelTone(row.label, labels)}`}>{prettyLabel(row.label)}</span>
        ) : (
          <span className="chip chip-small tone-excluded">{row.label} · not in the label set</span>
        )}
        {findings && (
          <details className="report-raw quarantine-details">
            <summary>What the checks found</summary>
            <pre>{JSON.stringify(findings, null, 2)}</pre>
          </details>
        )}
      </div>
      {row.status !== 'open' && (
        <p className="quarantine-decision">
          <strong>{row.status === 'released' ? 'Released' : 'Fixed'}</strong>
          {decidedBy && <> by {decidedBy}</>}
          {decidedAt && <span title={dateTime(decidedAt)}> {relativeTime(decidedAt, now)}</span>}
          {note && <span className="timeline-note">“{note}”</span>}
          <span className="muted"> · goes into the next merge{row.status === 'fixed' ? ', checked again' : ''}</span>
        </p>
      )}
      {row.status === 'open' &&
        (action === 'release' ? (
          <ReleaseForm onRelease={onRelease} onCancel={() => setAction(null)} />
        ) : action === 'fix' ? (
          <FixForm row={row} labels={labels} onFix={onFix} onCancel={() => setAction(null)} />
        ) : (
          <div className="quarantine-actions">
            {!releasable && <span className="muted quarantine-hint">An invalid value cannot go in as it is: fix it.</span>}
            <span className="spacer" />
            {releasable && (
              <button type="button" className="button button-secondary" onClick={() => setAction('release')} aria-label={`Release ${row.externalId}…`}>
                Release…
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => setAction('fix')} aria-label={`Fix ${row.externalId}…`}>
              Fix…
            </button>
          </div>
        ))}
    </article>
  );
}
