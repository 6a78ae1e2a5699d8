import type { TAppeal, TEngineerBatch } from '@quorum/contracts';
import { useState } from 'react';
import { dateTime, relativeTime } from '../components/format';
import { BatchCard } from './BatchCard';

export type AppealDecision = 'uphold' | 'dismiss';

type Props = {
  appeal: TAppeal;
  /** The appealed batch with its evidence, once loaded. */
  batch: TEngineerBatch | undefined;
  onResolve: (decision: AppealDecision, note: string | undefined) => void;
  busy?: boolean;
  now?: number;
};

/** An open appeal: who, their message, the batch's reasons and evidence; uphold or dismiss with an optional note. */
export function AppealCard({ appeal: a, batch, onResolve, busy, now = Date.now() }: Props) {
  const [note, setNote] = useState('');
  const resolve = (d: AppealDecision) => onResolve(d, note.trim() || undefined);
  return (
    <article className="appeal-card" aria-label={`Appeal by ${a.labeller.displayName}`}>
      <header className="batch-card-head">
        <strong>{a.labeller.displayName}</strong>
        <span className="muted">{a.labeller.email}</span>
        <span className="spacer" />
        <span className="muted" title={dateTime(a.createdAt)}>
          appealed {relativeTime(a.createdAt, now)}
        </span>
      </header>
      <blockquote className="appeal-message">{a.message}</blockquote>
      {batch ? <BatchCard batch={batch} now={now} evidenceOpen hideAppeal /> : <p className="muted">Loading the batch…</p>}
      <div className="version-decide">
        <label className="field field-inline">
          <span className="sr-only">Note to {a.labeller.displayName}</span>
          <input type="text" placeholder="Note to the labeller (optional)" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="button" className="button button-ghost button-danger" onClick={() => resolve('dismiss')} disabled={busy}>
          Dismiss
        </button>
        <button type="button" className="button button-primary" onClick={() => resolve('uphold')} disabled={busy} title="Accept the batch: its labels count again">
          Uphold
        </button>
      </div>
    </article>
  );
}
