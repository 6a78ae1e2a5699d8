import type { TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { TabPanel, Tabs, type Tab } from '../components/Tabs';
import { useNow } from '../components/useNow';
import { AppealsView } from './AppealsView';
import { DatasetsView } from './DatasetsView';
import { CostCockpit, LabellersCockpit, PipelineCockpit, ProjectCockpit, QualityCockpit } from './cockpit/Cockpit';
import { PoolView } from './PoolView';
import { QuarantineView } from './QuarantineView';
import { useDatasetVersions, useQuarantine } from './useEngineerData';
import { useLabellers } from './useReliabilityData';

type View = 'pipeline' | 'pool' | 'quality' | 'datasets' | 'quarantine' | 'labellers' | 'cost' | 'appeals' | 'project';
const VIEWS: readonly View[] = ['pipeline', 'pool', 'quality', 'datasets', 'quarantine', 'labellers', 'cost', 'appeals', 'project'];

/** The tab named in the address (#labellers, or #datasets/3 for one version), so a reload or a shared link keeps it. */
function viewFromHash(): View {
  const h = window.location.hash.replace(/^#/, '').split('/')[0] ?? '';
  return (VIEWS as readonly string[]).includes(h) ? (h as View) : 'pipeline';
}

/** Container: the engineer's screen for one project: the cockpit (pipeline, quality, labellers, cost,
 *  project settings) next to datasets, quarantine and appeals. */
export function EngineerScreen({ project }: { project: TProjectSummary }) {
  const now = useNow();
  const [view, setViewState] = useState<View>(viewFromHash);
  // Fetched here for the tabs' counts, and kept live by their socket events.
  const labellers = useLabellers(project.id);
  const versions = useDatasetVersions(project.id);
  const quarantine = useQuarantine(project.id, 'open');
  const openAppeals = (labellers.data ?? []).reduce((n, l) => n + l.openAppeals, 0);
  const paused = (labellers.data ?? []).filter((l) => l.pausedAt).length;
  const candidates = (versions.data ?? []).filter((v) => v.status === 'candidate').length;
  const quarantined = (quarantine.data ?? []).filter((r) => r.status === 'open').length;

  const setView = (v: View) => {
    setViewState(v);
    window.history.replaceState(null, '', v === 'pipeline' ? window.location.pathname + window.location.search : `#${v}`);
  };
  const tabs: Tab<View>[] = [
    { id: 'pipeline', label: 'Pipeline' },
    { id: 'pool', label: 'Pool' },
    { id: 'quality', label: 'Quality' },
    { id: 'datasets', label: 'Datasets', count: candidates, countLabel: `${candidates} to decide` },
    { id: 'quarantine', label: 'Quarantine', count: quarantined, countLabel: `${quarantined} open` },
    { id: 'labellers', label: 'Labellers', count: paused, countLabel: `${paused} paused` },
    { id: 'cost', label: 'Cost' },
    { id: 'appeals', label: 'Appeals', count: openAppeals, countLabel: `${openAppeals} open` },
    { id: 'project', label: 'Project' },
  ];

  return (
    <main className="main-column main-wide dashboard">
      <div className="page-head">
        <h1 className="page-title">{project.name}</h1>
      </div>
      <Tabs tabs={tabs} active={view} onChange={setView} label="Engineer views" />
      <TabPanel id={view}>
        {view === 'pipeline' && <PipelineCockpit project={project} now={now} />}
        {view === 'pool' && <PoolView project={project} now={now} />}
        {view === 'quality' && <QualityCockpit project={project} now={now} />}
        {view === 'datasets' && <DatasetsView project={project} versions={versions} now={now} />}
        {view === 'quarantine' && <QuarantineView project={project} open={quarantine} now={now} />}
        {view === 'labellers' && <LabellersCockpit project={project} now={now} />}
        {view === 'cost' && <CostCockpit project={project} now={now} />}
        {view === 'appeals' && <AppealsView project={project} now={now} onResolved={() => void labellers.reload()} />}
        {view === 'project' && <ProjectCockpit project={project} now={now} />}
      </TabPanel>
    </main>
  );
}
