import { useState } from 'react';

export type Decision = 'approve' | 'reject';

type Props = {
  versionNumber: number;
  onDecide: (decision: Decision, note: string | undefined) => void;
  /** The decision being sent, if any: both choices wait for it. */
  pending: Decision | null;
};

const VERB: Record<Decision, { name: string; doing: string; consequence: string }> = {
  approve: { name: 'Approve', doing: 'Approving…', consequence: 'It becomes training data that can be exported, and a decided version never changes again.' },
  reject: { name: 'Reject', doing: 'Rejecting…', consequence: 'It will never be exported; the next merge builds on the last version that was not rejected.' },
};

/**
 * Approve or reject a candidate: a choice, then a confirmation with an optional note (kept with
 * the version, so say why). Both wait while a decision is being sent.
 */
export function DecisionBar({ versionNumber, onDecide, pending }: Props) {
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const busy = pending !== null;
  const open = confirming ?? pending;

  return (
    <div className="decision" role="group" aria-label={`Decide on version ${versionNumber}`}>
      {open === null ? (
        <div className="decision-row">
          <p className="muted decision-hint">Candidate: read its report and diff, then decide.</p>
          <span className="spacer" />
          <button type="button" className="button button-ghost button-danger" onClick={() => setConfirming('reject')}>
            Reject…
          </button>
          <button type="button" className="button button-primary" onClick={() => setConfirming('approve')}>
            Approve…
          </button>
        </div>
      ) : (
        <div
          className={`decision-confirm decision-confirm-${open}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) setConfirming(null);
          }}
        >
          <p>
            <strong>
              {VERB[open].name} version {versionNumber}?
            </strong>{' '}
            {VERB[open].consequence}
          </p>
          <label className="field">
            <span>
              Note <span className="muted">(optional{open === 'reject' ? ', but say what was wrong' : ''})</span>
            </span>
            <textarea rows={2} maxLength={2000} value={note} autoFocus disabled={busy} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="decision-row">
            <button type="button" className="link-button" onClick={() => setConfirming(null)} disabled={busy}>
              Cancel
            </button>
            <span className="spacer" />
            <button
              type="button"
              className={`button decision-go ${open === 'approve' ? 'button-primary' : 'button-secondary button-danger'}`}
              disabled={busy}
              onClick={() => onDecide(open, note.trim() || undefined)}
            >
              {pending === open ? VERB[open].doing : `${VERB[open].name} version ${versionNumber}`}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
