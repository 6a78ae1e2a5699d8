import type { TBatchOutcome } from '@quorum/contracts';
import { useState } from 'react';
import { Kbd } from '../components/Kbd';
import { useHotkeys } from '../components/useHotkeys';
import { useNow } from '../components/useNow';
import { OutcomeBadge, WAITING_AFTER_MS } from './OutcomeBadge';
import { OutcomeDetails } from './OutcomeDetails';

type Props = {
  outcome: TBatchOutcome;
  onNext: () => void;
  busy?: boolean;
  onAppeal?: (batchId: string, message: string) => Promise<void>;
  /** The current time; ticks on its own when not given. */
  now?: number;
};

const TITLES = { accepted: 'Batch accepted', rejected: 'Batch rejected', expired: 'Batch expired' } as const;

/**
 * After submitting: the batch is scored at once, or waits for other labellers' answers on the same
 * pairs (which can take a while). N or Enter asks for the next batch meanwhile.
 */
export function SubmittedPanel({ outcome, onNext, busy, onAppeal, now }: Props) {
  const ticking = useNow(1_000);
  const current = now ?? ticking;
  // Measured from when the panel appeared, so a skewed browser clock cannot mislead it.
  const [shownAt] = useState(current);
  useHotkeys((e) => {
    if (e.key !== 'Enter' && e.key.toLowerCase() !== 'n') return false;
    if (!busy) onNext();
    return true;
  });
  const decided = outcome.status !== 'submitted' && outcome.status !== 'open';
  const waiting = !decided && current - shownAt > WAITING_AFTER_MS;
  const ok = outcome.status !== 'rejected' && outcome.status !== 'expired';
  const title = decided ? TITLES[outcome.status as keyof typeof TITLES] : waiting ? 'Waiting for other labellers’ answers' : 'Submitted — being scored';
  const body = decided
    ? 'The outcome is in:'
    : waiting
      ? 'Your answers are compared with other labellers’ answers on the same pairs, so the decision can take a while. Carry on meanwhile: the outcome appears in Recent batches.'
      : 'The result appears in Recent batches as soon as it is in.';
  return (
    <section className="card state-card" aria-label="Batch submitted">
      <div className={`state-icon ${ok ? 'state-icon-ok' : 'state-icon-expired'}`} aria-hidden="true">
        {ok ? '✓' : '!'}
      </div>
      <h2>{title}</h2>
      <p className="muted">
        {outcome.itemCount} pairs. {body}
      </p>
      {decided && (
        <div className="state-outcome">
          <OutcomeBadge status={outcome.status} />
          <OutcomeDetails outcome={outcome} onAppeal={onAppeal} />
        </div>
      )}
      <button type="button" className="button button-primary" onClick={onNext} disabled={busy} aria-keyshortcuts="N Enter">
        Next batch <Kbd>N</Kbd>
      </button>
    </section>
  );
}
