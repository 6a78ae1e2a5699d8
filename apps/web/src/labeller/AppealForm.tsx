import type { TBatchOutcome } from '@quorum/contracts';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/errors';

type Appeal = NonNullable<TBatchOutcome['appeal']>;

const STATUS_TEXT: Record<Appeal['status'], { title: string; body: string }> = {
  open: { title: 'Appeal sent', body: 'An engineer will look at this batch again.' },
  upheld: { title: 'Appeal upheld', body: 'This batch now counts.' },
  dismissed: { title: 'Appeal dismissed', body: 'The rejection stands.' },
};

/** Where an appeal stands, with the engineer's note once it is resolved. */
export function AppealStatus({ appeal }: { appeal: Appeal }) {
  const text = STATUS_TEXT[appeal.status];
  return (
    <div className={`appeal-status appeal-${appeal.status}`} role="status">
      <strong>{text.title}</strong> <span className="muted">{text.body}</span>
      {appeal.resolutionNote && <p className="appeal-note">Engineer’s note: “{appeal.resolutionNote}”</p>}
    </div>
  );
}

type Props = {
  /** The batch's appeal so far, if any. */
  appeal: TBatchOutcome['appeal'];
  /** Sends the appeal; rejects with the server's error. */
  onAppeal: (message: string) => Promise<void>;
};

/** "Appeal" on a rejected batch: a short message to the engineer, once per batch. */
export function AppealForm({ appeal, onAppeal }: Props) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (appeal) return <AppealStatus appeal={appeal} />;
  if (!open)
    return (
      <button type="button" className="link-button appeal-start" onClick={() => setOpen(true)}>
        Appeal this rejection
      </button>
    );

  async function send(e: FormEvent) {
    e.preventDefault();
    const text = message.trim();
    if (!text) return setError('Write a few words on why this batch should count.');
    setSending(true);
    setError(null);
    try {
      await onAppeal(text);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="appeal-form" aria-label="Appeal this batch" onSubmit={(e) => void send(e)}>
      <label className="field">
        <span>Why should this batch count?</span>
        <textarea
          rows={3}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={error ? true : undefined}
          placeholder="e.g. I read every pair; some were ambiguous."
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="appeal-actions">
        <button type="button" className="link-button" onClick={() => setOpen(false)} disabled={sending}>
          Cancel
        </button>
        <button type="submit" className="button button-secondary" disabled={sending}>
          {sending ? 'Sending…' : 'Send appeal'}
        </button>
      </div>
    </form>
  );
}
