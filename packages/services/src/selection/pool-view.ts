import { sql } from 'drizzle-orm';
import type { TPoolView, TUser } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';

export const POOL_HISTOGRAM_BINS = 20;

/**
 * The pooled samples' uncertainty in 20 equal bins over [0, 1] — the bins width_bucket(u, 0, 1,
 * 20) defines, a score of exactly 1 in the last one — counted as 20 ranges of sample_pool_idx:
 * index-only scans over the pool's entries and nothing else. Grouping width_bucket over every
 * row costs a per-row expression and hash aggregate on top of the same scan (2–3× slower at a
 * million rows of the select bench's data); the float8 bounds compare exactly as
 * width_bucket does.
 */
export async function poolHistogram(db: DbOrTx, projectId: string): Promise<TPoolView['histogram']> {
  const r = await db.execute<{ bin: number; n: number }>(sql`
    select b.i as bin,
           (select count(*) from sample s where s.project_id = ${projectId} and s.pooled and s.uncertainty >= b.lo and s.uncertainty < b.hi)::int as n
    from (select i,
                 case when i = 0 then '-Infinity'::float8 else i::float8 / ${POOL_HISTOGRAM_BINS} end as lo,
                 case when i = ${POOL_HISTOGRAM_BINS - 1} then 'Infinity'::float8 else (i + 1)::float8 / ${POOL_HISTOGRAM_BINS} end as hi
          from generate_series(0, ${POOL_HISTOGRAM_BINS - 1}) i) b`);
  const counts = new Array<number>(POOL_HISTOGRAM_BINS).fill(0);
  for (const row of r.rows) counts[row.bin] = row.n;
  return counts.map((count, i) => ({ from: i / POOL_HISTOGRAM_BINS, to: (i + 1) / POOL_HISTOGRAM_BINS, count }));
}

/**
 * Counts beside the histogram. Skipped samples have no index of their own (the schema indexes the
 * pool and the project's pair keys), so counting them by reason reads the project's samples once;
 * it runs alongside the histogram.
 */
async function poolCounts(db: DbOrTx, projectId: string) {
  const r = await db.execute<{ selected: number; open: number; duplicate_pair: number; near_duplicate: number }>(sql`
    select
      (select count(*) from item where project_id = ${projectId} and status <> 'gold')::int as selected,
      (select count(*) from item where project_id = ${projectId} and status = 'labelling')::int as open,
      count(*) filter (where s.skip_reason = 'duplicate_pair')::int as duplicate_pair,
      count(*) filter (where s.skip_reason = 'near_duplicate')::int as near_duplicate
    from sample s where s.project_id = ${projectId} and s.skip_reason is not null`);
  return r.rows[0]!;
}

async function recentSelections(db: DbOrTx, projectId: string, page: number, pageSize: number) {
  const r = await db.execute<{ item_id: string; external_id: string; strategy: string; score: number; selected_at: Date | string; total: number }>(sql`
    select i.id as item_id, s.external_id, i.selection_strategy as strategy, i.selection_score as score, i.selected_at,
           count(*) over ()::int as total
    from item i join sample s on s.id = i.sample_id
    where i.project_id = ${projectId} and i.selection_strategy is not null
    order by i.selected_at desc, i.id desc
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  let total = r.rows[0]?.total;
  if (total === undefined) {
    // Past the last page: the window count has no row to ride on.
    const c = await db.execute<{ n: number }>(sql`select count(*)::int as n from item where project_id = ${projectId} and selection_strategy is not null`);
    total = c.rows[0]!.n;
  }
  const rows = r.rows.map((row) => ({
    itemId: row.item_id,
    externalId: row.external_id,
    strategy: row.strategy,
    score: Number(row.score),
    selectedAt: new Date(row.selected_at).toISOString(),
  }));
  return { rows, total };
}

/**
 * What the engineer sees of the pool: its size and uncertainty histogram under the project's
 * strategy, the budget it is selected against, samples skipped as duplicates, and the items
 * selection made, newest first, each with why (strategy and score). Members only.
 */
export async function poolView(ctx: ServiceContext, caller: TUser, projectId: string, q: { page: number; pageSize: number }): Promise<TPoolView> {
  const p = await projectForMember(ctx.db, caller.id, projectId);
  const [histogram, counts, recent] = await Promise.all([
    poolHistogram(ctx.db, projectId),
    poolCounts(ctx.db, projectId),
    recentSelections(ctx.db, projectId, q.page, q.pageSize),
  ]);
  return {
    strategy: p.selectionStrategy,
    pooled: histogram.reduce((n, b) => n + b.count, 0),
    selected: counts.selected,
    open: counts.open,
    openItemBudget: p.openItemBudget,
    selectPerRun: p.selectPerRun,
    skipped: { duplicate_pair: counts.duplicate_pair, near_duplicate: counts.near_duplicate },
    histogram,
    recent: recent.rows,
    total: recent.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
