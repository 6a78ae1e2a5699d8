import type { TBatchOutcome } from '@quorum/contracts';
import { relativeTime } from '../components/format';
import { isWaitingForPeers, OutcomeBadge } from './OutcomeBadge';
import { OutcomeDetails } from './OutcomeDetails';

type Props = {
  batches: readonly TBatchOutcome[] | undefined;
  now?: number;
  limit?: number;
  /** Appeals a rejected batch with a message. */
  onAppeal?: (batchId: string, message: string) => Promise<void>;
};

/** The labeller's own recent batches, newest first, with plain reasons and appeals for rejections. */
export function BatchOutcomes({ batches, now = Date.now(), limit = 12, onAppeal }: Props) {
  const sorted = [...(batches ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  const accepted = (batches ?? []).filter((b) => b.status === 'accepted').length;
  const decided = (batches ?? []).filter((b) => b.status === 'accepted' || b.status === 'rejected').length;
  return (
    <aside className="panel outcomes" aria-labelledby="outcomes-title">
      <div className="panel-head">
        <h2 id="outcomes-title" className="panel-title">
          Recent batches
        </h2>
        {decided > 0 && (
          <span className="muted">
            {accepted} of {decided} accepted
          </span>
        )}
      </div>
      {batches === undefined ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">Your batches and their outcomes show up here.</p>
      ) : (
        <ul className="outcome-list">
          {sorted.map((b) => (
            <li key={b.id} className="outcome" data-testid="batch-outcome">
              <div className="outcome-row">
                <OutcomeBadge status={b.status} waiting={isWaitingForPeers(b, now)} />
                <span className="muted">
                  {b.itemCount > 0 ? `${b.itemCount} pairs · ` : ''}
                  {relativeTime(b.decidedAt ?? b.submittedAt ?? b.createdAt, now)}
                </span>
              </div>
              <OutcomeDetails outcome={b} onAppeal={onAppeal} />
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
