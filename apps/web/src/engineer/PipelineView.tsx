import type { TProjectSummary } from '@quorum/contracts';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { Notice } from '../components/Notice';
import { StageCounts } from './StageCounts';
import { TokensPanel } from './TokensPanel';
import { useAction } from './useAction';
import { useStageCounts, useTokens } from './useEngineerData';

/** Container: pipeline counts and API tokens. Dataset versions have their own tab. */
export function PipelineView({ project, now }: { project: TProjectSummary; now: number }) {
  const { error, setError, act } = useAction();
  const stats = useStageCounts(project.id);
  const tokens = useTokens();

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

  const loadError = stats.error ?? tokens.error;
  return (
    <>
      {error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </Notice>
      )}
      {loadError !== null && loadError !== undefined && <Notice tone="error">{errorMessage(loadError)}</Notice>}
      <StageCounts counts={stats.data} />
      <TokensPanel tokens={tokens.data} onCreate={createToken} onRevoke={(id) => void revokeToken(id)} now={now} />
    </>
  );
}
