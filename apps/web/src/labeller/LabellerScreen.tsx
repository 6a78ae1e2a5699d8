import type { TProjectSummary } from '@quorum/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { relativeTime } from '../components/format';
import { Notice } from '../components/Notice';
import { useNow } from '../components/useNow';
import { useSocketEvent } from '../socket';
import { BatchOutcomes } from './BatchOutcomes';
import { LabellingSession } from './LabellingSession';
import { PausedPanel } from './PausedPanel';
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
  const [lifted, setLifted] = useState(false);

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
  useSocketEvent('labeller:paused', (e) => {
    if (e.projectId !== project.id) return;
    setLifted(e.reason === null);
    work.pauseChanged(e.reason);
  });

  const appeal = async (batchId: string, message: string) => {
    const outcome = await api.appealBatch(batchId, message);
    mine.upsert(outcome);
    work.outcomeChanged(outcome);
  };

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
        {lifted && (phase.kind === 'idle' || phase.kind === 'waiting') && (
          <Notice tone="success" action={<button type="button" className="link-button" onClick={() => setLifted(false)}>Dismiss</button>}>
            An engineer lifted your pause. You can take batches again.
          </Notice>
        )}
        {work.pausedReason && phase.kind !== 'paused' && (
          <Notice tone="warning" title="You are paused from new batches">
            {work.pausedReason}. {phase.kind === 'labelling' ? 'You can finish the batch on screen. ' : ''}An engineer of this project can lift the pause.
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
        {phase.kind === 'submitted' && <SubmittedPanel outcome={phase.outcome} onNext={work.requestBatch} busy={work.busy} onAppeal={appeal} />}
        {phase.kind === 'expired' && <WaitingPanel mode="expired" onGetBatch={work.requestBatch} busy={work.busy} />}
        {phase.kind === 'paused' && <PausedPanel reason={phase.reason} onRetry={work.requestBatch} busy={work.busy} />}
      </main>
      <BatchOutcomes batches={mine.data} now={now} onAppeal={appeal} />
    </div>
  );
}
