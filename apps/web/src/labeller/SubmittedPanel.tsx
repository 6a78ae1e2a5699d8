import type { TBatchOutcome } from '@quorum/contracts';
import { Kbd } from '../components/Kbd';
import { useHotkeys } from '../components/useHotkeys';
import { OutcomeBadge } from './OutcomeBadge';

type Props = { outcome: TBatchOutcome; onNext: () => void; busy?: boolean };

/** After submitting: the batch is being scored; N or Enter asks for the next one. */
export function SubmittedPanel({ outcome, onNext, busy }: Props) {
  useHotkeys((e) => {
    if (e.key !== 'Enter' && e.key.toLowerCase() !== 'n') return false;
    if (!busy) onNext();
    return true;
  });
  const decided = outcome.status !== 'submitted';
  const ok = outcome.status !== 'rejected' && outcome.status !== 'expired';
  const title = { submitted: 'Submitted — being scored', accepted: 'Batch accepted', rejected: 'Batch rejected', expired: 'Batch expired', open: 'Submitted — being scored' }[outcome.status];
  return (
    <section className="card state-card" aria-label="Batch submitted">
      <div className={`state-icon ${ok ? 'state-icon-ok' : 'state-icon-expired'}`} aria-hidden="true">
        {ok ? '✓' : '!'}
      </div>
      <h2>{title}</h2>
      <p className="muted">
        {outcome.itemCount} pairs. {decided ? 'The outcome is in:' : 'The result appears in Recent batches as soon as it is in.'}
      </p>
      {decided && (
        <div className="state-outcome">
          <OutcomeBadge status={outcome.status} />
          {outcome.reasons.length > 0 && (
            <ul className="reasons">
              {outcome.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="button" className="button button-primary" onClick={onNext} disabled={busy} aria-keyshortcuts="N Enter">
        Next batch <Kbd>N</Kbd>
      </button>
    </section>
  );
}
