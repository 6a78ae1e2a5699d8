import type { TProjectSummary } from '@quorum/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, isApiError } from '../api/errors';
import { Notice } from '../components/Notice';
import type { Resource } from '../components/useResource';
import { useSocketEvent } from '../socket';
import type { DatasetVersion } from './datasetTypes';
import type { Decision } from './DecisionBar';
import { useAction } from './useAction';
import { VersionDetail } from './VersionDetail';
import { VersionTimeline } from './VersionTimeline';

type Props = { project: TProjectSummary; versions: Resource<DatasetVersion[]>; now: number };

/** `#datasets/3` opens version 3, so a reload or a shared link shows the same version. */
const numberFromHash = () => Number(/^#datasets\/(\d+)$/.exec(window.location.hash)?.[1] ?? NaN);

/**
 * Container: the version timeline beside the selected version. The newest version is selected
 * on arrival and then kept: a merge finishing meanwhile adds to the timeline without pulling the
 * page away from what is being read.
 */
export function DatasetsView({ project, versions, now }: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pending, setPending] = useState<{ versionId: string; decision: Decision } | null>(null);
  const [decisionError, setDecisionError] = useState<{ versionId: string; message: string } | null>(null);
  const merge = useAction();
  const [mergeQueued, setMergeQueued] = useState(false);
  const list = versions.data;

  useEffect(() => {
    if (!list?.length || (selectedId && list.some((v) => v.id === selectedId))) return;
    const wanted = numberFromHash();
    setSelectedId((list.find((v) => v.number === wanted) ?? list[0])!.id);
  }, [list, selectedId]);

  // The merge runs in the worker; its version arrives with `dataset-version:changed`. A merge
  // with nothing new settled makes no version and sends nothing, so the wait also times out.
  useSocketEvent('dataset-version:changed', (e) => {
    if (e.projectId === project.id && e.status === 'candidate') setMergeQueued(false);
  });
  useEffect(() => {
    if (!mergeQueued) return;
    const t = setTimeout(() => setMergeQueued(false), 30_000);
    return () => clearTimeout(t);
  }, [mergeQueued]);

  const select = (versionId: string) => {
    setSelectedId(versionId);
    const n = list?.find((v) => v.id === versionId)?.number;
    if (n !== undefined) window.history.replaceState(null, '', `#datasets/${n}`);
  };

  const mergeNow = () =>
    merge.act('merge', async () => {
      await api.runMerge(project.id);
      setMergeQueued(true);
    });

  async function decide(versionId: string, decision: Decision, note: string | undefined) {
    setPending({ versionId, decision });
    setDecisionError(null);
    try {
      const updated = await api.decideDatasetVersion(versionId, decision, note);
      versions.setData((prev) => prev?.map((v) => (v.id === updated.id ? updated : v)));
    } catch (e) {
      setDecisionError({ versionId, message: errorMessage(e) });
      // Decided elsewhere meanwhile: show where it stands now.
      if (isApiError(e) && e.code === 'conflict') void versions.reload();
    } finally {
      setPending(null);
    }
  }

  const selected = list?.find((v) => v.id === selectedId);
  return (
    <>
      {merge.error && (
        <Notice tone="error" action={<button type="button" className="link-button" onClick={() => merge.setError(null)}>Dismiss</button>}>
          {merge.error}
        </Notice>
      )}
      {versions.error !== null && versions.error !== undefined && <Notice tone="error">{errorMessage(versions.error)}</Notice>}
      <div className="datasets">
        <section className="panel timeline-panel" aria-labelledby="timeline-title">
          <div className="panel-head">
            <h2 id="timeline-title" className="panel-title">
              Versions
            </h2>
            <span className="spacer" />
            <button type="button" className="button button-secondary button-small" onClick={() => void mergeNow()} disabled={merge.busyId === 'merge' || mergeQueued} title="Merge the settled items into a new candidate version now, with the data checks">
              {mergeQueued ? 'Merging…' : 'Merge now'}
            </button>
          </div>
          {/* Announced, not shown: the button already says "Merging…", and a line appearing here would push the timeline down. */}
          <p className="sr-only" role="status">
            {mergeQueued ? 'Merge queued: settled items become a candidate version here when the checks are done.' : ''}
          </p>
          <VersionTimeline versions={list} selectedId={selectedId} onSelect={select} now={now} />
        </section>
        {selected ? (
          <VersionDetail
            version={selected}
            versions={list ?? []}
            labels={project.labels}
            onDecide={(d, n) => void decide(selected.id, d, n)}
            pending={pending?.versionId === selected.id ? pending.decision : null}
            decisionError={decisionError?.versionId === selected.id ? decisionError.message : null}
            now={now}
          />
        ) : (
          <div className="version-detail" />
        )}
      </div>
    </>
  );
}
