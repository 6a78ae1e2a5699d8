import type { TBatchStatus } from '@quorum/contracts';
import { useState } from 'react';

export type OverrideDecision = 'accept' | 'reject';

type Props = {
  status: TBatchStatus;
  onOverride: (decision: OverrideDecision, note: string) => void;
  busy?: boolean;
};

/** What an engineer may decide over the scorer: accept a rejected batch, reject an accepted one; a waiting one either way. */
export function overrideChoices(status: TBatchStatus): OverrideDecision[] {
  if (status === 'rejected') return ['accept'];
  if (status === 'accepted') return ['reject'];
  if (status === 'submitted') return ['accept', 'reject'];
  return [];
}

/** Override a batch's decision, with a note that is required (it is kept with the batch). */
export function OverrideForm({ status, onOverride, busy = false }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const choices = overrideChoices(status);
  if (choices.length === 0) return null;
  if (!open)
    return (
      <button type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>
        Override…
      </button>
    );

  const decide = (d: OverrideDecision) => {
    const text = note.trim();
    if (!text) return setMissing(true);
    onOverride(d, text);
  };

  return (
    <div className="override-form" role="group" aria-label="Override decision">
      <label className="field">
        <span>
          Note <span className="muted">(required — why you overrule the scorer; labels are recounted and items re-aggregated)</span>
        </span>
        <textarea
          rows={2}
          maxLength={2000}
          value={note}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? 'override-note-error' : undefined}
          onChange={(e) => {
            setNote(e.target.value);
            setMissing(false);
          }}
        />
      </label>
      {missing && (
        <p id="override-note-error" className="field-error" role="alert">
          A note is required: say why.
        </p>
      )}
      <div className="override-actions">
        <button type="button" className="link-button" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
        <span className="spacer" />
        {choices.includes('reject') && (
          <button type="button" className="button button-ghost button-danger" onClick={() => decide('reject')} disabled={busy}>
            Reject batch
          </button>
        )}
        {choices.includes('accept') && (
          <button type="button" className="button button-primary" onClick={() => decide('accept')} disabled={busy}>
            Accept batch
          </button>
        )}
      </div>
    </div>
  );
}
