import type { TEngineerBatch } from '@quorum/contracts';
import { dateTime, relativeTime } from '../components/format';
import { probability } from './evidence';
import { EvidenceView } from './EvidenceView';
import { OverrideForm, type OverrideDecision } from './OverrideForm';

type Props = {
  batch: TEngineerBatch;
  onOverride?: (decision: OverrideDecision, note: string) => void;
  busy?: boolean;
  now?: number;
  /** Open the evidence at first (e.g. in an appeal). */
  evidenceOpen?: boolean;
  /** Leave out the appeal line (the appeal card shows the message itself). */
  hideAppeal?: boolean;
};

const STATUS_TEXT = { open: 'open', submitted: 'waiting', accepted: 'accepted', rejected: 'rejected', expired: 'expired' } as const;

/** One batch for the engineer: outcome, P(random clicker), reasons, override, appeal and evidence. */
export function BatchCard({ batch: b, onOverride, busy, now = Date.now(), evidenceOpen = false, hideAppeal = false }: Props) {
  const when = b.decidedAt ?? b.submittedAt ?? b.createdAt;
  return (
    <article className={`batch-card batch-card-${b.status}`} aria-label={`Batch of ${relativeTime(b.createdAt, now)}`}>
      <header className="batch-card-head">
        <span className={`badge badge-${b.status}`} title={b.status === 'submitted' ? 'Submitted, waiting for other labellers’ answers' : undefined}>
          {STATUS_TEXT[b.status]}
        </span>
        <span className="muted" title={dateTime(when)}>
          {b.itemCount} pairs · {b.decidedAt ? 'decided' : b.submittedAt ? 'submitted' : 'leased'} {relativeTime(when, now)}
        </span>
        <span className="spacer" />
        {b.posteriorSpam !== null && (
          <span className={`spam ${b.posteriorSpam >= 0.5 ? 'figure-bad' : ''}`} title="P(random clicker | evidence) at the last scoring">
            P(spam) <strong>{probability(b.posteriorSpam)}</strong>
          </span>
        )}
      </header>
      {b.reasons.length > 0 && (
        <ul className="reasons">
          {b.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {b.override && (
        <p className="batch-note">
          Overridden by {b.override.by} {relativeTime(b.override.at, now)}: “{b.override.note}”
        </p>
      )}
      {b.appealMessage && !hideAppeal && (
        <p className="batch-note">
          Appeal{b.appeal ? ` (${b.appeal.status})` : ''}: “{b.appealMessage}”{b.appeal?.resolutionNote && <> — note: “{b.appeal.resolutionNote}”</>}
        </p>
      )}
      <details className="evidence-details" open={evidenceOpen || undefined}>
        <summary>Evidence</summary>
        <EvidenceView evidence={b.evidence} status={b.status} />
      </details>
      {onOverride && <OverrideForm key={b.status} status={b.status} onOverride={onOverride} busy={busy} />}
    </article>
  );
}
