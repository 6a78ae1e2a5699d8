import type { TDatasetRow, TDatasetVersion, TStageCounts } from '@quorum/contracts';
import { sleep, type Session } from './http';

export const stageCounts = async (engineer: Session, projectId: string): Promise<TStageCounts> =>
  (await engineer.get<{ counts: TStageCounts }>(`/projects/${projectId}/stats`)).counts;

type Quarantined = { externalId: string; label: string };

/**
 * The final label of every settled item, read the way an ML engineer gets them: merge the
 * settled items into a dataset version, approve it, export it. A version holds its parent's
 * rows, so the newest approved version holds every settled item the checks let in; the rest
 * wait in quarantine with the label they settled on. A candidate already open (the worker's
 * periodic merge) is approved first, then the merge runs again for what it missed.
 */
export async function finalLabels(engineer: Session, projectId: string, seed: number, timeoutMs: number): Promise<{ labels: Map<string, string>; problem: string | null }> {
  const labels = new Map<string, string>();
  if ((await stageCounts(engineer, projectId)).settled === 0) return { labels, problem: null };
  const merge = () => engineer.post(`/projects/${projectId}/dataset-versions`).catch(() => undefined);
  await merge();
  const deadline = Date.now() + timeoutMs;
  let latest: TDatasetVersion | undefined;
  let quarantined: Quarantined[] = [];
  let complete = false;
  for (;;) {
    const counts = await stageCounts(engineer, projectId);
    const { versions } = await engineer.get<{ versions: TDatasetVersion[] }>(`/projects/${projectId}/dataset-versions`);
    quarantined = (await engineer.get<{ rows: Quarantined[] }>(`/projects/${projectId}/quarantine?status=open`)).rows;
    latest = versions.find((v) => v.status !== 'rejected');
    if (latest?.status === 'candidate') {
      await engineer.post(`/dataset-versions/${latest.id}/approve`, { note: `quorum simulate, seed ${seed}` });
      await merge();
      continue;
    }
    complete = latest !== undefined && counts.merged + quarantined.length >= counts.settled;
    if (complete || Date.now() > deadline) break;
    await sleep(250);
  }
  if (!latest) return { labels, problem: 'no dataset version appeared after the merge' };
  const problem = complete ? null : `the merge did not take in every settled item within ${Math.round(timeoutMs / 1000)} s`;
  const res = await engineer.raw(`/dataset-versions/${latest.id}/export?format=jsonl`);
  for (const line of (await res.text()).split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Pick<TDatasetRow, 'external_id' | 'label'>;
    labels.set(row.external_id, row.label);
  }
  for (const q of quarantined) labels.set(q.externalId, q.label);
  return { labels, problem };
}
