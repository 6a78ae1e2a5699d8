import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/errors';

type Props = {
  /** Resolves when released; a rejection's message is shown here. */
  onRelease: (note: string | undefined) => Promise<void>;
  onCancel: () => void;
};

/** Lets a quarantined row into the next merge as it is: the check was wrong for this row. The note says why. */
export function ReleaseForm({ onRelease, onCancel }: Props) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onRelease(note.trim() || undefined);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="quarantine-form" onSubmit={submit} aria-label="Release the row">
      <label className="field">
        <span>
          Note <span className="muted">(optional: why the row may go in as it is)</span>
        </span>
        <textarea rows={2} maxLength={2000} value={note} autoFocus onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="quarantine-actions">
        <button type="button" className="link-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <span className="spacer" />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Releasing…' : 'Release row'}
        </button>
      </div>
    </form>
  );
}
