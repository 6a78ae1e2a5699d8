import type { TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { Notice } from '../components/Notice';
import { DatasetVersions } from './DatasetVersions';
import { StageCounts } from './StageCounts';
import { TokensPanel } from './TokensPanel';
import { useAction } from './useAction';
import { useDatasetVersions, useStageCounts, useTokens } from './useEngineerData';
import type { Decision } from './VersionCard';

/** Container: pipeline counts, dataset versions and API tokens. */
export function PipelineView({ project, now }: { project: TProjectSummary; now: number }) {
  const { busyId, error, setError, act } = useAction();
  const [mergeStatus, setMergeStatus] = useState<string | null>(null);
  const stats = useStageCounts(project.id);
  const versions = useDatasetVersions(project.id, () => setMergeStatus(null));
  const tokens = useTokens();

  const createVersion = () =>
    act('create', async () => {
      await api.runMerge(project.id);
      // The merge runs in the worker; the list refreshes when `dataset-version:changed` arrives.
      setMergeStatus('Merge queued — the new version appears here when it is ready.');
      setTimeout(() => setMergeStatus(null), 20_000);
    });

  const decide = (versionId: string, d: Decision, note: string | undefined) =>
    act(versionId, async () => {
      const updated = await api.decideDatasetVersion(versionId, d, note);
      versions.setData((prev) => prev?.map((v) => (v.id === updated.id ? updated : v)));
    });

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

  const loadError = stats.error ?? versions.error ?? tokens.error;
  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      {loadError !== null && loadError !== undefined && <Notice tone="error">{errorMessage(loadError)}</Notice>}
      <StageCounts counts={stats.data} />
      <DatasetVersions versions={versions.data} exportUrl={api.exportUrl} onCreate={() => void createVersion()} onDecide={(id, d, n) => void decide(id, d, n)} status={mergeStatus} busyId={busyId} now={now} />
      <TokensPanel tokens={tokens.data} onCreate={createToken} onRevoke={(id) => void revokeToken(id)} now={now} />
    </>
  );
}
