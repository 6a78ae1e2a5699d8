import type { TCockpitPipeline } from '@quorum/contracts';
import { count } from './format';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** The BullMQ work queue's job counts (every project shares it) and the way into Bull Board. */
export function QueueHealth({ queue, url }: { queue: TCockpitPipeline['queue'] | undefined; url: string }) {
  return (
    <section className="panel" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title" className="panel-title">
          Queues
        </h2>
        <span className="spacer" />
        <a className="button button-secondary button-small" href={url} target="_blank" rel="noreferrer">
          Open Bull Board
        </a>
      </div>
      {queue === null ? (
        <p className="muted">The queue could not be read (is Redis up?).</p>
      ) : (
        <div className="batch-row">
          {STATES.map((s) => (
            <div key={s} className={`stat${s === 'failed' && (queue?.failed ?? 0) > 0 ? ' stat-rejected' : ''}`} role="group" aria-label={`${s} jobs`}>
              <span className="stat-label">{s[0]!.toUpperCase() + s.slice(1)} jobs</span>
              <span className="stat-value">{queue ? count(queue[s]) : '—'}</span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
