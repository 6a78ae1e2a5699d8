import type { TBatchStatus } from '@quorum/contracts';

const TEXT: Record<TBatchStatus, string> = {
  open: 'Open',
  submitted: 'Being scored',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
};

export function OutcomeBadge({ status }: { status: TBatchStatus }) {
  return <span className={`badge badge-${status}`}>{TEXT[status]}</span>;
}
