import type { TCockpitPipeline } from '@quorum/contracts';
import { relativeTime } from '../../components/format';
import { count } from './format';

type Props = { pipeline: TCockpitPipeline | undefined; now: number; queueBoardUrl: string };

type Row = { key: string; n: number | null; what: string; since: string | null; action?: string };

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Work that should have moved and did not, each kind on its own line, highlighted when present. */
export function StuckWork({ pipeline: p, now, queueBoardUrl }: Props) {
  const rows: Row[] = p
    ? [
        { key: 'leases', n: p.stuck.expiredLeases.batches, what: `${plural(p.stuck.expiredLeases.batches, 'batch', 'batches')} past the lease, not yet swept back to the pool`, since: p.stuck.expiredLeases.oldest, action: 'the lease sweeper runs every minute; is the worker running?' },
        {
          key: 'waiting',
          n: p.stuck.waitingTooLong.batches,
          what: `${plural(p.stuck.waitingTooLong.batches, 'batch', 'batches')} waiting for scoring longer than ${p.stuck.waitingTooLong.maxWaitMinutes} min`,
          since: p.stuck.waitingTooLong.oldest,
          action: 'check the score jobs in the queue',
        },
        { key: 'claims', n: p.stuck.expiredClaims.reviews, what: `expert ${plural(p.stuck.expiredClaims.reviews, 'claim', 'claims')} past the lease, not yet back in the queue`, since: p.stuck.expiredClaims.oldest },
        { key: 'failed', n: p.stuck.failedJobs, what: `failed ${plural(p.stuck.failedJobs ?? 0, 'job', 'jobs')} in the work queue (all projects)`, since: null, action: 'see them in Bull Board' },
      ]
    : [];
  const stuck = rows.filter((r) => (r.n ?? 0) > 0);
  return (
    <section className={`panel${stuck.length > 0 ? ' panel-alert' : ''}`} aria-labelledby="stuck-title">
      <div className="panel-head">
        <h2 id="stuck-title" className="panel-title">
          Stuck work
        </h2>
        <span className="spacer" />
        {p && <span className={`badge badge-note ${stuck.length > 0 ? 'badge-stuck' : 'badge-accepted'}`}>{stuck.length > 0 ? `${stuck.length} to look at` : 'nothing stuck'}</span>}
      </div>
      {!p ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="stuck-list">
          {rows.map((r) => (
            <li key={r.key} className={(r.n ?? 0) > 0 ? 'stuck-row stuck-row-on' : 'stuck-row'}>
              <span className="stuck-count">{r.n === null ? '?' : count(r.n)}</span>
              <span>
                {r.n === null ? 'failed jobs: the queue could not be read' : r.what}
                {(r.n ?? 0) > 0 && r.since && <span className="muted"> · oldest {relativeTime(r.since, now)}</span>}
                {(r.n ?? 0) > 0 && r.action && (
                  <span className="muted">
                    {' '}
                    · {r.key === 'failed' ? <a href={queueBoardUrl} target="_blank" rel="noreferrer">{r.action}</a> : r.action}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
