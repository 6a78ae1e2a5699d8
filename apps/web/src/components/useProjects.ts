import type { TProjectSummary } from '@quorum/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { useResource } from './useResource';

export const storageKey = (userId: string) => `quorum.project.${userId}`;

/**
 * The caller's projects and the one in use: the only one if there is just one, else the one
 * used last on this browser, else none (the picker shows).
 */
export function useProjects(userId: string) {
  const projects = useResource(`projects:${userId}`, () => api.listProjects());
  const [projectId, setProjectId] = useState<string | null>(() => localStorage.getItem(storageKey(userId)));

  const list = projects.data;
  useEffect(() => {
    if (!list) return;
    if (list.length === 1 && list[0]) setProjectId(list[0].id);
    else if (projectId && !list.some((p) => p.id === projectId)) setProjectId(null);
  }, [list, projectId]);

  const choose = (p: TProjectSummary | null) => {
    setProjectId(p?.id ?? null);
    if (p) localStorage.setItem(storageKey(userId), p.id);
    else localStorage.removeItem(storageKey(userId));
  };
  const project = list?.find((p) => p.id === projectId) ?? null;
  return { projects, project, choose };
}
