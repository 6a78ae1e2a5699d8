import type { TCockpitLabeller } from '@quorum/contracts';
import { relativeTime } from '../../components/format';
import { percent } from '../../components/labels';
import { Sparkline } from '../Sparkline';
import type { LabellerQuery, LabellerSort } from './api';
import { count } from './format';

type Column = { sort?: LabellerSort; label: string; num?: boolean; title?: string };
const COLUMNS: Column[] = [
  { sort: 'name', label: 'Labeller' },
  { sort: 'reliability', label: 'Reliability', title: 'Estimated accuracy, with its 90% interval' },
  { label: 'Trend', title: 'The last 20 estimates, one per decided batch' },
  { sort: 'throughput', label: 'Labels/h', num: true, title: 'Labels given in the last hour (and in the last 24 hours)' },
  { sort: 'accepted', label: 'Accepted', num: true },
  { sort: 'rejected', label: 'Rejected', num: true },
  { sort: 'waiting', label: 'Waiting', num: true, title: 'Submitted, waiting for scoring' },
  { sort: 'paused', label: 'State' },
  { sort: 'appeals', label: 'Appeals', num: true, title: 'Open appeals against rejected batches' },
  { sort: 'active', label: 'Last active' },
];

/** Numbers read best biggest first; names and dates the other way round. */
const FIRST_ORDER: Record<LabellerSort, 'asc' | 'desc'> = { name: 'asc', reliability: 'desc', throughput: 'desc', accepted: 'desc', rejected: 'desc', waiting: 'desc', appeals: 'desc', paused: 'desc', active: 'desc' };

type Props = {
  labellers: readonly TCockpitLabeller[] | undefined;
  query: LabellerQuery;
  onSort: (sort: LabellerSort, order: 'asc' | 'desc') => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onUnpause: (id: string) => void;
  busyId?: string | null;
  now: number;
};

/** Presentational: one page of labellers; the server sorts (a click on a heading asks it to). */
export function LabellerTable({ labellers, query, onSort, selectedId, onSelect, onUnpause, busyId, now }: Props) {
  if (labellers === undefined) return <p className="muted">Loading…</p>;
  const ariaSort = (c: Column) => (c.sort === query.sort ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined);
  const toggle = (s: LabellerSort) => onSort(s, s === query.sort ? (query.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[s]);
  return (
    <div className="table-wrap">
      <table className="table labellers-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={c.num ? 'num' : undefined} aria-sort={ariaSort(c)} title={c.title}>
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => toggle(c.sort!)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {c.sort === query.sort ? (query.order === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labellers.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="muted">
                No labellers in this project yet.
              </td>
            </tr>
          )}
          {labellers.map((l) => (
            <tr key={l.id} className={l.id === selectedId ? 'row-selected' : undefined} aria-selected={l.id === selectedId} onClick={() => onSelect(l.id)}>
              <th scope="row">
                <button type="button" className="link-button row-name" onClick={(e) => (e.stopPropagation(), onSelect(l.id))}>
                  {l.displayName}
                </button>
                <span className="muted row-sub">{l.email}</span>
              </th>
              <td>
                {l.reliability ? (
                  <>
                    <span className="figure">{percent(l.reliability.accuracy)}</span>
                    <span className="muted row-sub">
                      {percent(l.reliability.low)}–{percent(l.reliability.high)}
                    </span>
                  </>
                ) : (
                  <span className="muted nowrap">no estimate yet</span>
                )}
              </td>
              <td className="trend-cell">
                <Sparkline values={l.trend} label={`Accuracy trend of ${l.displayName}`} />
              </td>
              <td className="num">
                <span className="figure">{count(l.labelsLastHour)}</span>
                <span className="muted row-sub">{count(l.labelsLastDay)} in 24 h</span>
              </td>
              <td className="num tone-accepted">{count(l.batches.accepted)}</td>
              <td className="num tone-rejected">{count(l.batches.rejected)}</td>
              <td className="num">{count(l.batches.waiting)}</td>
              <td className="state-cell">
                {l.pausedAt ? (
                  <div className="paused">
                    <span className="badge badge-paused">Paused</span>
                    {l.pauseReason && <span className="row-sub">{l.pauseReason}</span>}
                    <button type="button" className="button button-secondary button-small" disabled={busyId === l.id} onClick={(e) => (e.stopPropagation(), onUnpause(l.id))}>
                      Unpause
                    </button>
                  </div>
                ) : (
                  <span className="muted">Active</span>
                )}
              </td>
              <td className="num">{l.openAppeals > 0 ? <span className="count-pill count-pill-warn" aria-label={`${l.openAppeals} open appeals`}>{l.openAppeals}</span> : <span className="muted">—</span>}</td>
              <td className="nowrap muted">{l.lastActiveAt ? relativeTime(l.lastActiveAt, now) : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
