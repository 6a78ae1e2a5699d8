import type { TBatchOutcome, TBatchStatus } from '@quorum/contracts';

/** After this long, a submitted batch is waiting for other labellers' answers, not being scored. */
export const WAITING_AFTER_MS = 5_000;

/** True when a submitted batch has been waiting long enough to say it waits for peers. */
export function isWaitingForPeers(outcome: Pick<TBatchOutcome, 'status' | 'submittedAt'>, now: number): boolean {
  if (outcome.status !== 'submitted' || !outcome.submittedAt) return false;
  return now - Date.parse(outcome.submittedAt) > WAITING_AFTER_MS;
}

const TEXT: Record<TBatchStatus, string> = {
  open: 'Open',
  submitted: 'Being scored',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
};

/** `waiting`: a submitted batch whose decision waits for other labellers' answers. */
export function OutcomeBadge({ status, waiting = false }: { status: TBatchStatus; waiting?: boolean }) {
  const text = status === 'submitted' && waiting ? 'Waiting for others' : TEXT[status];
  return <span className={`badge badge-${status}`}>{text}</span>;
}
