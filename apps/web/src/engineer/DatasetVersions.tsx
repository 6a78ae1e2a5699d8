import type { TDatasetVersion } from '@quorum/contracts';
import { VersionCard, type Decision } from './VersionCard';

type Props = {
  versions: readonly TDatasetVersion[] | undefined;
  exportUrl: (versionId: string) => string;
  onCreate: () => void;
  onDecide: (versionId: string, decision: Decision, note: string | undefined) => void;
  /** Shown under the title, e.g. "Merge queued". */
  status?: string | null;
  busyId?: string | null;
  now?: number;
};

/** Dataset versions, newest first, with "Create version now". */
export function DatasetVersions({ versions, exportUrl, onCreate, onDecide, status, busyId, now }: Props) {
  return (
    <section className="panel" aria-labelledby="versions-title">
      <div className="panel-head">
        <h2 id="versions-title" className="panel-title">
          Dataset versions
        </h2>
        {status && (
          <span className="muted" role="status">
            {status}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="button button-secondary" onClick={onCreate} disabled={busyId === 'create'}>
          Create version now
        </button>
      </div>
      {versions === undefined ? (
        <p className="muted">Loading…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No versions yet. Settled items are merged into a candidate version you can approve.</p>
      ) : (
        <div className="version-list">
          {versions.map((v) => (
            <VersionCard key={v.id} version={v} exportUrl={exportUrl(v.id)} onDecide={(d, n) => onDecide(v.id, d, n)} busy={busyId === v.id} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
