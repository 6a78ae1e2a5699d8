import type { TUser } from '@quorum/contracts';
import { errorMessage } from '../api/errors';
import { EngineerScreen } from '../engineer/EngineerScreen';
import { ExpertScreen } from '../expert/ExpertScreen';
import { LabellerScreen } from '../labeller/LabellerScreen';
import { useSocketStatus } from '../socket';
import { Header } from './Header';
import { Notice } from './Notice';
import { ProjectPicker } from './ProjectPicker';
import { useProjects } from './useProjects';

/** Everything after login: header, project choice, then the screen for the user's role. */
export function Shell({ user, onLogout }: { user: TUser; onLogout: () => void }) {
  const live = useSocketStatus();
  const { projects, project, choose } = useProjects(user.id);
  const canSwitch = (projects.data?.length ?? 0) > 1;

  let body;
  if (projects.error) body = <Notice tone="error" title="Could not load your projects" action={<button type="button" className="button button-secondary" onClick={() => void projects.reload()}>Retry</button>}>{errorMessage(projects.error)}</Notice>;
  else if (!projects.data) body = <p className="muted center">Loading…</p>;
  else if (!project) body = <ProjectPicker projects={projects.data} onPick={choose} />;
  else if (user.role === 'labeller') body = <LabellerScreen key={project.id} project={project} />;
  else if (user.role === 'expert') body = <ExpertScreen key={project.id} project={project} user={user} />;
  else body = <EngineerScreen key={project.id} project={project} />;

  return (
    <div className="app">
      <Header user={user} projectName={project?.name} onSwitchProject={canSwitch ? () => choose(null) : undefined} onLogout={onLogout} live={live} />
      <div className="content">{body}</div>
    </div>
  );
}
