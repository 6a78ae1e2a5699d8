import type { TProject, TProjectSummary } from '@quorum/contracts';
import { useMemo, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { Notice } from '../../components/Notice';
import { storageKey } from '../../components/useProjects';
import { useResource } from '../../components/useResource';
import { TokensPanel } from '../TokensPanel';
import { useAction } from '../useAction';
import { useTokens } from '../useEngineerData';
import { cockpitApi } from './api';
import { ProjectSettingsForm } from './ProjectSettingsForm';
import { projectDefaults, projectValues } from './projectFields';

/** Makes the new project the one the app opens, then reloads: the socket joins its room on connect. */
async function openProject(projectId: string): Promise<void> {
  const me = await api.me();
  localStorage.setItem(storageKey(me.id), projectId);
  window.location.assign(window.location.pathname);
}

/** Container: this project's settings (PATCH), a new project (POST), and the caller's API tokens. */
export function ProjectCockpit({ project, now }: { project: TProjectSummary; now: number }) {
  const current = useResource(`project:${project.id}`, () => cockpitApi.getProject(project.id));
  const tokens = useTokens();
  const { error, setError, act } = useAction();
  const [created, setCreated] = useState<TProject | null>(null);
  const [creating, setCreating] = useState(false);
  const initial = useMemo(() => (current.data ? projectValues(current.data) : null), [current.data]);
  const defaults = useMemo(projectDefaults, []);

  const createToken = async (name: string) => {
    setError(null);
    try {
      const { token, secret } = await api.createToken(name);
      tokens.setData((prev) => [token, ...(prev ?? [])]);
      return secret;
    } catch (e) {
      setError(errorMessage(e));
      throw e;
    }
  };
  const revokeToken = (id: string) =>
    act(`token:${id}`, async () => {
      await api.revokeToken(id);
      tokens.setData((prev) => prev?.filter((t) => t.id !== id));
    });

  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      <section className="panel" aria-labelledby="settings-title">
        <div className="panel-head">
          <h2 id="settings-title" className="panel-title">
            Settings of {project.name}
          </h2>
          <span className="muted">Changes apply to work selected and scored from now on.</span>
        </div>
        {current.error !== null && current.error !== undefined && <Notice tone="error">{errorMessage(current.error)}</Notice>}
        {initial && current.data ? (
          <ProjectSettingsForm
            mode="edit"
            initial={initial}
            labels={current.data.labels}
            submitLabel="Save settings"
            onSubmit={async (body) => {
              const saved = await cockpitApi.updateProject(project.id, body);
              current.setData(() => saved);
            }}
          />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      <section className="panel" aria-labelledby="new-project-title">
        <div className="panel-head">
          <h2 id="new-project-title" className="panel-title">
            New project
          </h2>
          <span className="muted">Defaults are the platform&apos;s: five labels per item, batches of ten with one control.</span>
          <span className="spacer" />
          <button type="button" className="button button-secondary button-small" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
            {creating ? 'Cancel' : 'New project…'}
          </button>
        </div>
        {created && (
          <Notice tone="success" action={<button type="button" className="button button-secondary button-small" onClick={() => void openProject(created.id)}>Open it</button>}>
            Project “{created.name}” created; you are its first member.
          </Notice>
        )}
        {creating && (
          <ProjectSettingsForm
            mode="create"
            initial={defaults}
            submitLabel="Create project"
            onSubmit={async (body) => {
              setCreated(await cockpitApi.createProject({ ...body, name: body.name ?? '' }));
              setCreating(false);
            }}
          />
        )}
      </section>
      <TokensPanel tokens={tokens.data} onCreate={createToken} onRevoke={(id) => void revokeToken(id)} now={now} />
    </>
  );
}
