import type { ReactNode } from 'react';
import { count } from './format';

/** Counts read as "2,100"; anything already formatted stays as it is. */
const cell = (v: string | number) => (typeof v === 'number' ? count(v) : v);

export type ChartTable = { columns: readonly string[]; rows: readonly (readonly (string | number)[])[] };

type Props = {
  id: string;
  title: string;
  /** One line in words, e.g. "α 0.74 over 1,230 items", shown under the title. */
  summary?: ReactNode;
  /** The same numbers as the chart, for screen readers (and for tests). */
  table: ChartTable;
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
};

/**
 * A chart with its numbers: the plot is hidden from assistive technology, which reads a
 * visually hidden table with every value the plot draws instead (WCAG 1.1.1: a text alternative
 * that serves the same purpose). Screen-reader users get the exact figures, not a description.
 */
export function ChartFrame({ id, title, summary, table, empty, emptyText = 'No data yet.', children }: Props) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {summary && <p className="chart-summary">{summary}</p>}
      {empty ? (
        <p className="muted chart-empty">{emptyText}</p>
      ) : (
        <div className="chart-area" aria-hidden="true">
          {children}
        </div>
      )}
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell(v)}
                  </th>
                ) : (
                  <td key={j}>{cell(v)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
