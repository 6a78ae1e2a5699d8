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
  return (
    <section className="card state-card" aria-label="Batch submitted">
      <div className="state-icon state-icon-ok" aria-hidden="true">✓</div>
      <h2>{decided ? 'Batch scored' : 'Submitted — being scored'}</h2>
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
