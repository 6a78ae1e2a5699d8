import type { TProjectSummary } from '@quorum/contracts';
import { useEffect, useRef } from 'react';
import { relativeTime } from '../components/format';
import { Notice } from '../components/Notice';
import { useNow } from '../components/useNow';
import { useSocketEvent } from '../socket';
import { BatchOutcomes } from './BatchOutcomes';
import { LabellingSession } from './LabellingSession';
import { SubmittedPanel } from './SubmittedPanel';
import { useLabellerBatch } from './useLabellerBatch';
import { useMyBatches } from './useMyBatches';
import { WaitingPanel } from './WaitingPanel';

/** Container: wires the labeller's panels to the API and the socket. */
export function LabellerScreen({ project }: { project: TProjectSummary }) {
  const now = useNow(15_000);
  const mine = useMyBatches(project.id);
  const work = useLabellerBatch(project.id, mine.upsert);
  const { phase } = work;

  // Come back to an open batch (after a reload) instead of asking for a new one.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || mine.data === undefined) return;
    resumed.current = true;
    const open = mine.data.find((b) => b.status === 'open');
    if (open) void work.resumeBatch(open.id);
  }, [mine.data, work]);

  useSocketEvent('work:available', (e) => {
    if (e.projectId === project.id) work.workAvailable();
  });
  useSocketEvent('batch:decided', (e) => {
    if (e.projectId === project.id) work.decided(e.batchId, e.status, e.reasons);
  });
  useEffect(() => {
    document.title = phase.kind === 'waiting' && phase.workAvailable ? '● New work — Quorum' : 'Quorum';
  }, [phase]);

  return (
    <div className="layout-with-aside">
      <main className="main-column">
        {work.error && (
          <Notice tone="error" action={<button type="button" className="link-button" onClick={work.dismissError}>Dismiss</button>}>
            {work.error}
          </Notice>
        )}
        {phase.kind === 'idle' && <WaitingPanel mode="idle" onGetBatch={work.requestBatch} busy={work.busy} />}
        {phase.kind === 'waiting' && <WaitingPanel mode={phase.workAvailable ? 'available' : 'waiting'} onGetBatch={work.requestBatch} busy={work.busy} />}
        {phase.kind === 'labelling' && (
          <LabellingSession
            key={phase.batch.id}
            assignments={phase.batch.assignments}
            labels={phase.batch.labels}
            answers={work.answers}
            onAnswer={work.answer}
            onSubmit={() => void work.submit()}
            submitting={work.busy}
            aside={<span className={`lease ${Date.parse(phase.batch.expiresAt) - now < 120_000 ? 'lease-soon' : ''}`}>Expires {relativeTime(phase.batch.expiresAt, now)}</span>}
          />
        )}
        {phase.kind === 'submitted' && <SubmittedPanel outcome={phase.outcome} onNext={work.requestBatch} busy={work.busy} />}
        {phase.kind === 'expired' && <WaitingPanel mode="expired" onGetBatch={work.requestBatch} busy={work.busy} />}
        {phase.kind === 'paused' && (
          <Notice tone="warning" title="Labelling is paused" action={<button type="button" className="button button-secondary" onClick={work.requestBatch} disabled={work.busy}>Try again</button>}>
            {phase.message}
          </Notice>
        )}
      </main>
      <BatchOutcomes batches={mine.data} now={now} />
    </div>
  );
}
