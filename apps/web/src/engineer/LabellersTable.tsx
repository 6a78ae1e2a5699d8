import type { TLabellerSummary } from '@quorum/contracts';
import { count } from '../components/format';
import { percent } from '../components/labels';
import { probability } from './evidence';
import { Sparkline } from './Sparkline';

type Props = {
  labellers: readonly TLabellerSummary[] | undefined;
  selectedId?: string | null;
  onSelect: (labellerId: string) => void;
  onUnpause: (labellerId: string) => void;
  busyId?: string | null;
};


/** The project's labellers: reliability with its interval and trend, batch outcomes, pause, appeals. */
export function LabellersTable({ labellers, selectedId, onSelect, onUnpause, busyId }: Props) {
  if (labellers === undefined) return <p className="muted">Loading…</p>;
  if (labellers.length === 0) return <p className="muted">No labellers in this project yet. Add users with the labeller role as members.</p>;
  return (
    <div className="table-wrap">
      <table className="table labellers-table">
        <thead>
          <tr>
            <th scope="col">Labeller</th>
            <th scope="col" title="Estimated accuracy, with its 90% interval">
              Accuracy
            </th>
            <th scope="col">Trend</th>
            <th scope="col" className="num" title="Gold answers and peer comparisons behind the estimate">
              Evidence
            </th>
            <th scope="col" className="num" title="P(random clicker) carried into their next batch">
              Spam prior
            </th>
            <th scope="col" className="num">Accepted</th>
            <th scope="col" className="num">Rejected</th>
            <th scope="col" className="num" title="Submitted, waiting for other labellers' answers">
              Waiting
            </th>
            <th scope="col" className="num">Expired</th>
            <th scope="col">State</th>
            <th scope="col" className="num">Appeals</th>
          </tr>
        </thead>
        <tbody>
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
                    <span className="muted row-sub" title="90% interval">
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
              <td className="num">{l.reliability ? count(l.reliability.evidenceCount) : '—'}</td>
              <td className={`num ${l.spamPrior !== null && l.spamPrior >= 0.5 ? 'figure-bad' : ''}`}>{l.spamPrior === null ? '—' : probability(l.spamPrior)}</td>
              <td className="num tone-accepted">{count(l.batches.accepted)}</td>
              <td className="num tone-rejected">{count(l.batches.rejected)}</td>
              <td className="num">{count(l.batches.waiting)}</td>
              <td className="num muted">{count(l.batches.expired)}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
