import type { TLabellerSummary, TProjectSummary } from '@quorum/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { useResource } from '../components/useResource';
import { Notice } from '../components/Notice';
import type { Resource } from '../components/useResource';
import { ExpertAgreementPanel } from './ExpertAgreementPanel';
import { LabellerBatches } from './LabellerBatches';
import { LabellersTable } from './LabellersTable';
import type { OverrideDecision } from './OverrideForm';
import { useAction } from './useAction';
import { useLabellerBatches } from './useReliabilityData';

type Props = { project: TProjectSummary; labellers: Resource<TLabellerSummary[]>; now: number };

/** Container: the labellers table; a click opens that labeller's batches, evidence and overrides. */
export function LabellersView({ project, labellers, now }: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { busyId, error, setError, act } = useAction();
  const batches = useLabellerBatches(project.id, selectedId);
  const agreement = useResource(`agreement:${project.id}`, () => api.reviewAgreement(project.id));
  const selected = labellers.data?.find((l) => l.id === selectedId);
  const detail = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedId) detail.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [selectedId]);

  const unpause = (labellerId: string) =>
    act(labellerId, async () => {
      const updated = await api.unpauseLabeller(project.id, labellerId);
      labellers.setData((prev) => prev?.map((l) => (l.id === updated.id ? updated : l)));
    });

  const override = (batchId: string, decision: OverrideDecision, note: string) =>
    act(batchId, async () => {
      const updated = await api.overrideBatch(batchId, decision, note);
      batches.setData((prev) => prev?.map((b) => (b.id === updated.id ? updated : b)));
      void labellers.reload();
    });

  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      {labellers.error !== null && labellers.error !== undefined && <Notice tone="error">{errorMessage(labellers.error)}</Notice>}
      <section className="panel" aria-labelledby="labellers-title">
        <div className="panel-head">
          <h2 id="labellers-title" className="panel-title">
            Labellers
          </h2>
          <span className="muted">Accuracy is estimated from control answers and agreement with peers; click a labeller for their batches.</span>
        </div>
        <LabellersTable labellers={labellers.data} selectedId={selectedId} onSelect={(id) => setSelectedId((cur) => (cur === id ? null : id))} onUnpause={(id) => void unpause(id)} busyId={busyId} />
      </section>
      <div ref={detail}>
        {selected && (
          <LabellerBatches labeller={selected} batches={batches.data} onOverride={(id, d, n) => void override(id, d, n)} onClose={() => setSelectedId(null)} busyId={busyId} now={now} />
        )}
        {selected && batches.error !== null && batches.error !== undefined && <Notice tone="error">{errorMessage(batches.error)}</Notice>}
      </div>
      <ExpertAgreementPanel agreement={agreement.data} />
    </>
  );
}
