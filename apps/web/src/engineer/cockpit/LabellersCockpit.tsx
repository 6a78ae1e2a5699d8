import type { TProjectSummary } from '@quorum/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { Notice } from '../../components/Notice';
import { useResource } from '../../components/useResource';
import { ExpertAgreementPanel } from '../ExpertAgreementPanel';
import { LabellerBatches } from '../LabellerBatches';
import type { OverrideDecision } from '../OverrideForm';
import { useAction } from '../useAction';
import { useLabellerBatches } from '../useReliabilityData';
import type { LabellerQuery } from './api';
import { LabellerTable } from './LabellerTable';
import { Pager } from './Pager';
import { useLabellerPage } from './useCockpit';

export const LABELLER_PAGE_SIZE = 25;

/**
 * Container: the labellers table, sorted and paged by the server (500 labellers stay one small
 * page), and the drill-in: a click opens that labeller's batches with the evidence behind each
 * decision and the override (the existing batch cards).
 */
export function LabellersCockpit({ project, now }: { project: TProjectSummary; now: number }) {
  const [query, setQuery] = useState<LabellerQuery>({ sort: 'name', order: 'asc', page: 1, pageSize: LABELLER_PAGE_SIZE });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const page = useLabellerPage(project.id, query);
  const batches = useLabellerBatches(project.id, selectedId);
  const agreement = useResource(`agreement:${project.id}`, () => api.reviewAgreement(project.id));
  const { busyId, error, setError, act } = useAction();
  const selected = page.data?.labellers.find((l) => l.id === selectedId);
  const detail = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selectedId) detail.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [selectedId]);

  const unpause = (id: string) =>
    act(id, async () => {
      await api.unpauseLabeller(project.id, id);
      await page.reload();
    });
  const override = (batchId: string, decision: OverrideDecision, note: string) =>
    act(batchId, async () => {
      const updated = await api.overrideBatch(batchId, decision, note);
      batches.setData((prev) => prev?.map((b) => (b.id === updated.id ? updated : b)));
      await page.reload();
    });

  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      {page.error !== null && page.error !== undefined && <Notice tone="error">{errorMessage(page.error)}</Notice>}
      <section className="panel" aria-labelledby="cockpit-labellers-title">
        <div className="panel-head">
          <h2 id="cockpit-labellers-title" className="panel-title">
            Labellers
          </h2>
          <span className="muted">Reliability from control answers and agreement with peers. Click a heading to sort, a labeller for their evidence.</span>
        </div>
        <LabellerTable
          labellers={page.data?.labellers}
          query={query}
          onSort={(sort, order) => setQuery((q) => ({ ...q, sort, order, page: 1 }))}
          selectedId={selectedId}
          onSelect={(id) => setSelectedId((cur) => (cur === id ? null : id))}
          onUnpause={(id) => void unpause(id)}
          busyId={busyId}
          now={now}
        />
        {page.data && page.data.total > 0 && <Pager page={query.page} pageSize={query.pageSize} total={page.data.total} what="labellers" onPage={(p) => setQuery((q) => ({ ...q, page: p }))} />}
      </section>
      <div ref={detail}>
        {selected && <LabellerBatches labeller={selected} batches={batches.data} onOverride={(id, d, n) => void override(id, d, n)} onClose={() => setSelectedId(null)} busyId={busyId} now={now} />}
        {selected && batches.error !== null && batches.error !== undefined && <Notice tone="error">{errorMessage(batches.error)}</Notice>}
      </div>
      <ExpertAgreementPanel agreement={agreement.data} />
    </>
  );
}
