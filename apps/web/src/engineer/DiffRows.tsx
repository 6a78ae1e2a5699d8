import { labelTone, prettyLabel } from '../components/labels';
import type { DiffKind, DiffRow, DiffSide } from './datasetTypes';

export const KIND_NAMES: Record<DiffKind, string> = { added: 'Added', removed: 'Removed', relabelled: 'Relabelled', moved: 'Moved split' };

function Side({ side, other, labels }: { side: DiffSide | null; other: DiffSide | null; labels: readonly string[] }) {
  if (!side) return <span className="muted">—</span>;
  // What changed against the other side is emphasised, so a relabel reads at a glance.
  return (
    <span className="diff-side">
      <span className={`chip chip-small tone-${labelTone(side.label, labels)} ${other && other.label !== side.label ? 'diff-changed' : ''}`}>{prettyLabel(side.label)}</span>
      <span className={other && other.split !== side.split ? 'diff-changed-split' : 'muted'}>{side.split}</span>
    </span>
  );
}

/** One page of a diff: each row's external id, what happened to it, its label and split before and after, and its texts. */
export function DiffRows({ rows, labels }: { rows: readonly DiffRow[]; labels: readonly string[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-static diff-table">
        <caption className="sr-only">Changed rows</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Change</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Pair</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}-${r.itemId}`}>
              <th scope="row">
                <code className="diff-id" title={r.itemId}>
                  {r.externalId}
                </code>
              </th>
              <td>
                <span className={`diff-kind diff-kind-${r.kind}`}>{KIND_NAMES[r.kind]}</span>
              </td>
              <td>
                <Side side={r.before} other={r.after} labels={labels} />
              </td>
              <td>
                <Side side={r.after} other={r.before} labels={labels} />
              </td>
              <td className="diff-texts">
                <span className="queue-text" title={r.textA}>
                  <span className="pair-tag">A</span>
                  <span className="diff-text">{r.textA}</span>
                </span>
                <span className="queue-text" title={r.textB}>
                  <span className="pair-tag">B</span>
                  <span className="diff-text">{r.textB}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
