import type { TDatasetRow, TDatasetVersion, TStageCounts } from '@quorum/contracts';
import { sleep, type Session } from './http';

export const stageCounts = async (engineer: Session, projectId: string): Promise<TStageCounts> =>
  (await engineer.get<{ counts: TStageCounts }>(`/projects/${projectId}/stats`)).counts;

/**
 * The final label of every settled item, read the way an ML engineer gets them: merge the
 * settled items into a dataset version, approve it, export it. Versions inherit their parent's
 * rows, so the newest live version holds every settled item once all of them are merged (a
 * periodic merge in the worker may already have made it, in which case ours adds nothing).
 */
export async function finalLabels(engineer: Session, projectId: string, seed: number, timeoutMs: number): Promise<{ labels: Map<string, string>; problem: string | null }> {
  const labels = new Map<string, string>();
  if ((await stageCounts(engineer, projectId)).settled === 0) return { labels, problem: null };
  await engineer.post(`/projects/${projectId}/dataset-versions`);
  const deadline = Date.now() + timeoutMs;
  let latest: TDatasetVersion | undefined;
  let complete = false;
  for (;;) {
    const counts = await stageCounts(engineer, projectId);
    const { versions } = await engineer.get<{ versions: TDatasetVersion[] }>(`/projects/${projectId}/dataset-versions`);
    latest = versions.find((v) => v.status !== 'rejected');
    complete = latest !== undefined && counts.merged >= counts.settled;
    if (complete || Date.now() > deadline) break;
    await sleep(250);
  }
  if (!latest) return { labels, problem: 'no dataset version appeared after the merge' };
  const problem = complete ? null : `the merge did not take in every settled item within ${Math.round(timeoutMs / 1000)} s (quarantined rows?)`;
  if (latest.status === 'candidate') {
    await engineer.post(`/dataset-versions/${latest.id}/approve`, { note: `quorum simulate, seed ${seed}` });
  }
  const res = await engineer.raw(`/dataset-versions/${latest.id}/export?format=jsonl`);
  for (const line of (await res.text()).split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Pick<TDatasetRow, 'externalId' | 'label'>;
    labels.set(row.externalId, row.label);
  }
  return { labels, problem };
}
