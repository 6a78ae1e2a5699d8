import type { TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { API_BASE } from '../../api/client';
import { Notice } from '../../components/Notice';
import { CostPanel } from './CostPanel';
import { PipelinePanel } from './PipelinePanel';
import { QualityPanel } from './QualityPanel';
import { useCost, usePipeline, useQuality } from './useCockpit';

export { LabellersCockpit } from './LabellersCockpit';
export { ProjectCockpit } from './ProjectCockpit';

/** Bull Board, mounted by the API for engineers only (the session cookie goes along). */
export const QUEUE_BOARD_URL = `${API_BASE}/admin/queues`;

type Props = { project: TProjectSummary; now: number };

/** Container: the pipeline, live (every `stats:updated` refetches it, coalesced). */
export function PipelineCockpit({ project, now }: Props) {
  const pipeline = usePipeline(project.id);
  return (
    <>
      {pipeline.error !== null && pipeline.error !== undefined && <Notice tone="error">{errorMessage(pipeline.error)}</Notice>}
      <PipelinePanel pipeline={pipeline.data} now={now} queueBoardUrl={QUEUE_BOARD_URL} />
    </>
  );
}

/** Container: the quality figures and plots over a chosen period. */
export function QualityCockpit({ project }: Props) {
  const [days, setDays] = useState(30);
  const quality = useQuality(project.id, days);
  return <QualityPanel quality={quality.data} error={quality.error} days={days} onDays={setDays} />;
}

/** Container: what settled items cost. */
export function CostCockpit({ project }: Props) {
  const cost = useCost(project.id);
  return <CostPanel cost={cost.data} error={cost.error} />;
}
