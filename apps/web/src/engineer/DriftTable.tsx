import { percent, prettyLabel } from '../components/labels';
import type { LabelDriftLine } from './datasetTypes';

const share = (s: number | null) => (s === null ? '—' : percent(s, 1));
/** Percentage points, signed: a share going from 50 % to 62 % is "+12.0 pp", not "+24 %". */
const points = (d: number | null) => (d === null ? '—' : `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d * 100).toFixed(1)} pp`);

/** Each label's share of the version against the parent; lines past the drift threshold are marked. */
export function DriftTable({ drift }: { drift: readonly LabelDriftLine[] }) {
  if (drift.length === 0) return <p className="muted">No label balance recorded.</p>;
  const firstVersion = drift.every((d) => d.parentShare === null);
  return (
    <div className="table-wrap">
      <table className="table table-static drift-table">
        <caption className="sr-only">Label balance against the parent</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" className="num">
              Parent
            </th>
            <th scope="col" className="num">
              This version
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">
              <span className="sr-only">Drift</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drift.map((d) => (
            <tr key={d.label} className={d.flagged ? 'row-flagged' : undefined}>
              <th scope="row">{prettyLabel(d.label)}</th>
              <td className="num">{share(d.parentShare)}</td>
              <td className="num">{share(d.share)}</td>
              <td className={`num ${d.flagged ? 'figure-bad' : ''}`}>{points(d.delta)}</td>
              <td>{d.flagged && <span className="badge badge-drift">drifted</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {firstVersion && <p className="muted table-note">A first version has no parent to drift from.</p>}
    </div>
  );
}
