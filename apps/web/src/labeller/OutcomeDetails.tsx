import type { TBatchOutcome } from '@quorum/contracts';
import { AppealForm, AppealStatus } from './AppealForm';

type Props = {
  outcome: TBatchOutcome;
  /** Given when the labeller may appeal from here. */
  onAppeal?: (batchId: string, message: string) => Promise<void>;
};

/** A decided batch's plain reasons, and its appeal: the form for a rejection, else its status. */
export function OutcomeDetails({ outcome, onAppeal }: Props) {
  return (
    <>
      {outcome.reasons.length > 0 && (
        <ul className="reasons">
          {outcome.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {outcome.status === 'rejected' && onAppeal ? (
        <AppealForm appeal={outcome.appeal} onAppeal={(message) => onAppeal(outcome.id, message)} />
      ) : (
        outcome.appeal && <AppealStatus appeal={outcome.appeal} />
      )}
    </>
  );
}
