import type { TEngineerBatch, TLabellerSummary } from '@quorum/contracts';
import { BatchCard } from './BatchCard';
import { ConfusionMatrix } from './ConfusionMatrix';
import type { OverrideDecision } from './OverrideForm';

type Props = {
  labeller: TLabellerSummary;
  batches: readonly TEngineerBatch[] | undefined;
  onOverride: (batchId: string, decision: OverrideDecision, note: string) => void;
  onClose: () => void;
  busyId?: string | null;
  now?: number;
};

/** One labeller's batches, newest first, each with its evidence and an override. */
export function LabellerBatches({ labeller, batches, onOverride, onClose, busyId, now }: Props) {
  return (
    <section className="panel" aria-labelledby="labeller-batches-title">
      <div className="panel-head">
        <h2 id="labeller-batches-title" className="panel-title">
          Batches of {labeller.displayName} <span className="muted">{labeller.email}</span>
        </h2>
        <span className="spacer" />
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {labeller.pausedAt && <p className="batch-note">Paused: {labeller.pauseReason ?? 'no reason given'}</p>}
      {labeller.model && <ConfusionMatrix model={labeller.model} now={now} />}
      {batches === undefined ? (
        <p className="muted">Loading…</p>
      ) : batches.length === 0 ? (
        <p className="muted">No batches yet.</p>
      ) : (
        <div className="batch-list">
          {batches.map((b) => (
            <BatchCard key={b.id} batch={b} onOverride={(d, n) => onOverride(b.id, d, n)} busy={busyId === b.id} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
