import type { TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { TabPanel, Tabs, type Tab } from '../components/Tabs';
import { useNow } from '../components/useNow';
import { AppealsView } from './AppealsView';
import { LabellersView } from './LabellersView';
import { PipelineView } from './PipelineView';
import { useLabellers } from './useReliabilityData';

type View = 'pipeline' | 'labellers' | 'appeals';
const VIEWS: readonly View[] = ['pipeline', 'labellers', 'appeals'];

/** The tab named in the address (#labellers), so a reload or a shared link keeps it. */
function viewFromHash(): View {
  const h = window.location.hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(h) ? (h as View) : 'pipeline';
}

/** Container: the engineer's screen for one project: pipeline, labellers, appeals. */
export function EngineerScreen({ project }: { project: TProjectSummary }) {
  const now = useNow();
  const [view, setViewState] = useState<View>(viewFromHash);
  // Fetched here for the tab's open-appeal count, and kept live on `labeller:changed`.
  const labellers = useLabellers(project.id);
  const openAppeals = (labellers.data ?? []).reduce((n, l) => n + l.openAppeals, 0);
  const paused = (labellers.data ?? []).filter((l) => l.pausedAt).length;

  const setView = (v: View) => {
    setViewState(v);
    window.history.replaceState(null, '', v === 'pipeline' ? window.location.pathname + window.location.search : `#${v}`);
  };
  const tabs: Tab<View>[] = [
    { id: 'pipeline', label: 'Pipeline' },
    { id: 'labellers', label: 'Labellers', count: paused, countLabel: `${paused} paused` },
    { id: 'appeals', label: 'Appeals', count: openAppeals, countLabel: `${openAppeals} open` },
  ];

  return (
    <main className="main-column main-wide dashboard">
      <div className="page-head">
        <h1 className="page-title">{project.name}</h1>
      </div>
      <Tabs tabs={tabs} active={view} onChange={setView} label="Engineer views" />
      <TabPanel id={view}>
        {view === 'pipeline' && <PipelineView project={project} now={now} />}
        {view === 'labellers' && <LabellersView project={project} labellers={labellers} now={now} />}
        {view === 'appeals' && <AppealsView project={project} now={now} onResolved={() => void labellers.reload()} />}
      </TabPanel>
    </main>
  );
}
