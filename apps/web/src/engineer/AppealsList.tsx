import type { TAppeal, TEngineerBatch } from '@quorum/contracts';
import { AppealCard, type AppealDecision } from './AppealCard';

type Props = {
  appeals: readonly TAppeal[] | undefined;
  /** batch id → the appealed batch with its evidence. */
  batches: Readonly<Record<string, TEngineerBatch>>;
  onResolve: (appealId: string, decision: AppealDecision, note: string | undefined) => void;
  busyId?: string | null;
  now?: number;
};

/** Labellers' open appeals against rejected batches, oldest waiting first. */
export function AppealsList({ appeals, batches, onResolve, busyId, now }: Props) {
  const sorted = [...(appeals ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <section className="panel" aria-labelledby="appeals-title">
      <div className="panel-head">
        <h2 id="appeals-title" className="panel-title">
          Open appeals
        </h2>
        <span className="muted">Upholding accepts the batch and recounts its labels; dismissing keeps the rejection.</span>
      </div>
      {appeals === undefined ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">No open appeals. Labellers can appeal a rejected batch with a message; it waits here.</p>
      ) : (
        <div className="batch-list">
          {sorted.map((a) => (
            <AppealCard key={a.id} appeal={a} batch={batches[a.batchId]} onResolve={(d, n) => onResolve(a.id, d, n)} busy={busyId === a.id} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
