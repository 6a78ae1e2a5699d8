import type { TLabellerModel } from '@quorum/contracts';
import { relativeTime } from '../components/format';
import { percent, prettyLabel } from '../components/labels';

/**
 * What the aggregation model learnt about one labeller: for each true label, how often they
 * answer each label. A diagonal near 1 is a careful labeller; a flat row is guessing; weight on
 * one column across rows is a labeller leaning to one answer. Cells are shaded by value so the
 * pattern shows at a glance; the numbers are there for screen readers and for reading exactly.
 */
export function ConfusionMatrix({ model, now = Date.now() }: { model: TLabellerModel; now?: number }) {
  return (
    <figure className="confusion">
      <figcaption className="muted">
        How the aggregation model reads this labeller ({model.labelsFitted} labels, fitted {relativeTime(model.fittedAt, now)}): expected right{' '}
        <strong>{percent(model.accuracy)}</strong> of the time.
      </figcaption>
      <table className="table table-static confusion-table">
        <caption className="sr-only">Rows: the true label; columns: the label this labeller answers; cells: how often.</caption>
        <thead>
          <tr>
            <th scope="col">When the answer is…</th>
            {model.labels.map((l) => (
              <th key={l} scope="col">
                answers {prettyLabel(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.confusion.map((row, t) => (
            <tr key={model.labels[t]}>
              <th scope="row">{prettyLabel(model.labels[t] ?? '')}</th>
              {row.map((p, l) => (
                <td key={model.labels[l]} className={`num${t === l ? ' confusion-diagonal' : ''}`} style={{ background: `rgba(37, 99, 235, ${(0.08 + 0.5 * p).toFixed(2)})` }}>
                  {percent(p)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
