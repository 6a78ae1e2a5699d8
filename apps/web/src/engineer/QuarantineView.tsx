import type { TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { Notice } from '../components/Notice';
import type { Resource } from '../components/useResource';
import type { QuarantinedRow, QuarantineFix, QuarantineStatus } from './datasetTypes';
import { QuarantineRowCard } from './QuarantineRowCard';
import { useQuarantine } from './useEngineerData';

type Filter = QuarantineStatus | 'all';
const FILTERS: { id: Filter; name: string }[] = [
  { id: 'open', name: 'Open' },
  { id: 'released', name: 'Released' },
  { id: 'fixed', name: 'Fixed' },
  { id: 'all', name: 'All' },
];

type Props = {
  project: TProjectSummary;
  /** The open rows, which the screen already holds for its tab count. */
  open: Resource<QuarantinedRow[]>;
  now: number;
};

/**
 * Container: rows the data checks kept out of a version, with the reason. Released or fixed rows
 * go into the next merge; one acted on stays in the list with its new status until the list is
 * next loaded, so the rows below do not jump up under the pointer.
 */
export function QuarantineView({ project, open, now }: Props) {
  const [filter, setFilter] = useState<Filter>('open');
  const other = useQuarantine(project.id, filter, filter !== 'open');
  const rows = filter === 'open' ? open : other;

  const replace = (updated: QuarantinedRow) => {
    const swap = (prev: QuarantinedRow[] | undefined) => prev?.map((r) => (r.id === updated.id ? updated : r));
    rows.setData(swap);
    if (rows !== open) open.setData((prev) => prev?.filter((r) => r.id !== updated.id || updated.status === 'open'));
  };
  const release = async (rowId: string, note: string | undefined) => replace(await api.releaseQuarantined(rowId, note));
  const fix = async (rowId: string, f: QuarantineFix) => replace(await api.fixQuarantined(rowId, f));

  return (
    <section className="panel" aria-labelledby="quarantine-title">
      <div className="panel-head">
        <h2 id="quarantine-title" className="panel-title">
          Quarantined rows
        </h2>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Show rows that are">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" className="segment" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.name}
            </button>
          ))}
        </div>
      </div>
      <p className="muted quarantine-intro">Kept out of a version by a data check. Release a row to take it as it is, or fix it; either way it goes into the next merge.</p>
      {rows.error !== null && rows.error !== undefined && <Notice tone="error">{errorMessage(rows.error)}</Notice>}
      {rows.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : rows.data.length === 0 ? (
        <p className="muted">{filter === 'open' ? 'Nothing in quarantine: every checked row made it into its version.' : `No ${filter === 'all' ? '' : `${filter} `}rows.`}</p>
      ) : (
        <div className="quarantine-list">
          {rows.data.map((r) => (
            <QuarantineRowCard key={r.id} row={r} labels={project.labels} onRelease={(note) => release(r.id, note)} onFix={(f) => fix(r.id, f)} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
