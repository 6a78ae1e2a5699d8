import { count } from '../components/format';
import { labelTone, percent, prettyLabel } from '../components/labels';
import { DATASET_SPLITS } from './datasetTypes';

type Props = { counts: Readonly<Record<string, Readonly<Record<string, number>>>>; labels: readonly string[] };

/** The project's labels in their order, then any other label the version holds. */
function labelOrder(counts: Props['counts'], labels: readonly string[]): string[] {
  const seen = new Set(Object.values(counts).flatMap((byLabel) => Object.keys(byLabel)));
  return [...labels, ...[...seen].filter((l) => !labels.includes(l)).sort()];
}

/**
 * A split's label balance as one stacked bar. The bar is a picture; its accessible name carries
 * the same numbers in words, so a screen reader hears them rather than "image".
 */
function BalanceBar({ split, byLabel, labels, total }: { split: string; byLabel: Readonly<Record<string, number>>; labels: readonly string[]; total: number }) {
  const words = labels.map((l) => `${prettyLabel(l)} ${count(byLabel[l] ?? 0)}${total ? ` (${percent((byLabel[l] ?? 0) / total)})` : ''}`).join(', ');
  return (
    <span className="balance" role="img" aria-label={`${split}: ${words}`}>
      {labels.map((l) => {
        const n = byLabel[l] ?? 0;
        return n > 0 ? <span key={l} className={`balance-part tone-${labelTone(l, labels)}`} style={{ width: `${(n / total) * 100}%` }} title={`${prettyLabel(l)}: ${count(n)}`} /> : null;
      })}
    </span>
  );
}

/** Rows per split × label, with totals and each split's balance. */
export function SplitLabelCounts({ counts, labels }: Props) {
  const order = labelOrder(counts, labels);
  const splits = [...DATASET_SPLITS, ...Object.keys(counts).filter((s) => !(DATASET_SPLITS as readonly string[]).includes(s)).sort()];
  const cell = (split: string, label: string) => counts[split]?.[label] ?? 0;
  const splitTotal = (split: string) => order.reduce((n, l) => n + cell(split, l), 0);
  const labelTotal = (label: string) => splits.reduce((n, s) => n + cell(s, label), 0);
  const total = splits.reduce((n, s) => n + splitTotal(s), 0);
  return (
    <div className="table-wrap">
      <table className="table table-static counts-table">
        <caption className="sr-only">Rows per split and label</caption>
        <thead>
          <tr>
            <th scope="col">Split</th>
            {order.map((l) => (
              <th key={l} scope="col" className="num">
                {prettyLabel(l)}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="balance-col">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {splits.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {order.map((l) => (
                <td key={l} className="num">
                  {count(cell(s, l))}
                </td>
              ))}
              <td className="num figure">{count(splitTotal(s))}</td>
              <td className="balance-col">{splitTotal(s) > 0 ? <BalanceBar split={s} byLabel={counts[s] ?? {}} labels={order} total={splitTotal(s)} /> : <span className="muted">empty</span>}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All</th>
            {order.map((l) => (
              <td key={l} className="num figure">
                {count(labelTotal(l))}
              </td>
            ))}
            <td className="num figure">{count(total)}</td>
            <td className="balance-col muted">{total > 0 ? order.map((l) => `${prettyLabel(l)} ${percent(labelTotal(l) / total)}`).join(' · ') : ''}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
