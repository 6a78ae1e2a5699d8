import type { TPoolView, TProjectSummary } from '@quorum/contracts';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { count, relativeTime } from '../components/format';
import { Notice } from '../components/Notice';
import { useCoalesced } from '../components/useCoalesced';
import { useResource } from '../components/useResource';
import { useOnReconnect, useSocketEvent } from '../socket';

const PAGE_SIZE = 20;
const FIGURES_STYLE = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8, margin: 0 } as const;

/** Names as the engineer reads them; the API keeps the strategy ids. */
export const STRATEGY_NAMES: Record<TPoolView['strategy'], string> = {
  least_confidence: 'Least confidence',
  margin: 'Margin',
  entropy: 'Entropy',
  variance: 'Variance of stochastic passes',
  bald: 'BALD (mutual information)',
};

const bin = (b: { from: number; to: number }) => `${b.from.toFixed(2)}–${b.to.toFixed(2)}`;

/** The pool's uncertainty histogram: bars for the eye, the same numbers as a table for screen readers. */
export function PoolHistogram({ histogram }: { histogram: TPoolView['histogram'] }) {
  const data = histogram.map((b) => ({ bin: bin(b), count: b.count }));
  return (
    <figure className="pool-histogram">
      <div aria-hidden="true">
        <BarChart width={640} height={200} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bin" tick={{ fontSize: 10 }} interval={3} />
          <YAxis allowDecimals={false} tick={{ fontSize: 10 }} />
          <Tooltip formatter={(v) => [count(Number(v)), 'samples']} />
          <Bar dataKey="count" fill="var(--accent, #3b6fd6)" isAnimationActive={false} />
        </BarChart>
      </div>
      <figcaption className="muted">Pooled samples by uncertainty under the project’s strategy (1 = least sure).</figcaption>
      <table className="sr-only">
        <caption>Pooled samples per uncertainty bin</caption>
        <thead>
          <tr>
            <th scope="col">Uncertainty</th>
            <th scope="col">Samples</th>
          </tr>
        </thead>
        <tbody>
          {histogram.map((b) => (
            <tr key={b.from}>
              <th scope="row">{bin(b)}</th>
              <td>{count(b.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

type PanelProps = { pool: TPoolView; now: number; onPage: (page: number) => void };

/** The pool, its budget, what was skipped and why, and the latest selections with their scores. */
export function PoolPanel({ pool, now, onPage }: PanelProps) {
  const pages = Math.max(1, Math.ceil(pool.total / pool.pageSize));
  const figures: [string, string][] = [
    ['Strategy', STRATEGY_NAMES[pool.strategy]],
    ['In the pool', count(pool.pooled)],
    ['Selected', count(pool.selected)],
    ['Open / budget', `${count(pool.open)} / ${count(pool.openItemBudget)}`],
    ['Per run', count(pool.selectPerRun)],
    ['Skipped: same pair', count(pool.skipped.duplicate_pair)],
    ['Skipped: near-duplicate', count(pool.skipped.near_duplicate)],
  ];
  return (
    <>
      <section className="panel" aria-labelledby="pool-title">
        <div className="panel-head">
          <h2 id="pool-title" className="panel-title">
            Sample pool
          </h2>
          <span className="muted">Selection tops open items up to the budget, most uncertain first, skipping pairs already asked.</span>
        </div>
        <dl className="pool-figures" style={FIGURES_STYLE}>
          {figures.map(([k, v]) => (
            <div key={k} role="group" aria-label={k}>
              <dt className="muted">{k}</dt>
              <dd style={{ margin: 0, fontVariantNumeric: 'tabular-nums' }}>{v}</dd>
            </div>
          ))}
        </dl>
        <PoolHistogram histogram={pool.histogram} />
      </section>
      <section className="panel" aria-labelledby="selections-title">
        <div className="panel-head">
          <h2 id="selections-title" className="panel-title">
            Recent selections
          </h2>
          <span className="muted">Why each item was chosen: the strategy then and the sample’s score under it.</span>
        </div>
        {pool.recent.length === 0 ? (
          <p className="muted">Nothing selected yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table-static">
              <thead>
                <tr>
                  <th scope="col">Sample</th>
                  <th scope="col">Strategy</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Selected</th>
                </tr>
              </thead>
              <tbody>
                {pool.recent.map((r) => (
                  <tr key={r.itemId}>
                    <th scope="row">{r.externalId}</th>
                    <td>{STRATEGY_NAMES[r.strategy as TPoolView['strategy']] ?? r.strategy}</td>
                    <td className="num">{r.score.toFixed(3)}</td>
                    <td title={r.selectedAt}>{relativeTime(r.selectedAt, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label="Recent selections pages">
            <button type="button" className="link-button" disabled={pool.page <= 1} onClick={() => onPage(pool.page - 1)}>
              Newer
            </button>
            <span className="muted">
              Page {pool.page} of {pages}
            </span>
            <button type="button" className="link-button" disabled={pool.page >= pages} onClick={() => onPage(pool.page + 1)}>
              Older
            </button>
          </nav>
        )}
      </section>
    </>
  );
}

/** Container: the pool view, refreshed when the pipeline's counts change (selection sends them). */
export function PoolView({ project, now }: { project: TProjectSummary; now: number }) {
  const [page, setPage] = useState(1);
  const pool = useResource(`pool:${project.id}:${page}`, () => api.projectPool(project.id, page, PAGE_SIZE));
  const reload = useCoalesced(() => void pool.reload(), 2000);
  useSocketEvent('stats:updated', (e) => {
    if (e.projectId === project.id) reload();
  });
  useOnReconnect(() => void pool.reload());
  if (pool.error !== null && pool.error !== undefined) return <Notice tone="error">{errorMessage(pool.error)}</Notice>;
  if (!pool.data) return <p className="muted">Loading…</p>;
  return <PoolPanel pool={pool.data} now={now} onPage={setPage} />;
}
