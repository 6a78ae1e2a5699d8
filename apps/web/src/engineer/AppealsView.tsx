import type { TProjectSummary } from '@quorum/contracts';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { Notice } from '../components/Notice';
import type { AppealDecision } from './AppealCard';
import { AppealsList } from './AppealsList';
import { useAction } from './useAction';
import { useOpenAppeals } from './useReliabilityData';

/** Container: open appeals with their batches' evidence; uphold or dismiss. */
export function AppealsView({ project, now, onResolved }: { project: TProjectSummary; now: number; onResolved: () => void }) {
  const appeals = useOpenAppeals(project.id);
  const { busyId, error, setError, act } = useAction();

  const resolve = (appealId: string, decision: AppealDecision, note: string | undefined) =>
    act(appealId, async () => {
      await api.resolveAppeal(appealId, decision, note);
      appeals.setData((prev) => prev && { ...prev, appeals: prev.appeals.filter((a) => a.id !== appealId) });
      onResolved();
    });

  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      {appeals.error !== null && appeals.error !== undefined && <Notice tone="error">{errorMessage(appeals.error)}</Notice>}
      <AppealsList appeals={appeals.data?.appeals} batches={appeals.data?.batches ?? {}} onResolve={(id, d, n) => void resolve(id, d, n)} busyId={busyId} now={now} />
    </>
  );
}
