import { sql } from 'drizzle-orm';
import { AppError, type TDatasetDiff, type TDatasetDiffRow, type TUser } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { OPEN } from './rows-sql';
import { versionForEngineer, type VersionRow } from './versions';

export type DiffQuery = { against?: string; kind?: TDatasetDiffRow['kind']; limit: number; cursor?: string };

/**
 * The revisions live in exactly one of versions lo < hi, each item's before and after side
 * side by side, in item order. Only revisions that changed between the two are read: those born
 * in (lo, hi] and still live at hi (the primary key, valid_from checked in the index) and those
 * closed in (lo, hi] (dataset_row_closed_idx, which holds closed revisions only). Numbers are
 * inlined, not bound, so the planner can see the partial index applies.
 */
function changedItems(projectId: string, before: number, after: number, from?: string) {
  const lo = sql.raw(String(Math.min(before, after)));
  const hi = sql.raw(String(Math.max(before, after)));
  const b = sql.raw(String(before));
  const a = sql.raw(String(after));
  const start = from ? sql`and r.item_id > ${from}` : sql``;
  return sql`
    with changed as (
      select * from dataset_row r where r.project_id = ${projectId} and r.valid_from > ${lo} and r.valid_from <= ${hi} and r.valid_to > ${hi} ${start}
      union all
      select * from dataset_row r where r.project_id = ${projectId} and r.valid_to <> ${OPEN} and r.valid_to > ${lo} and r.valid_to <= ${hi} and r.valid_from <= ${lo} ${start}
    ), sides as (
      select item_id,
        max(label) filter (where valid_from <= ${b} and valid_to > ${b}) as label_before,
        max(coalesce(split, 'unsplit')) filter (where valid_from <= ${b} and valid_to > ${b}) as split_before,
        max(label) filter (where valid_from <= ${a} and valid_to > ${a}) as label_after,
        max(coalesce(split, 'unsplit')) filter (where valid_from <= ${a} and valid_to > ${a}) as split_after,
        (array_agg(external_id order by valid_from desc))[1] as external_id,
        (array_agg(text_a order by valid_from desc))[1] as text_a,
        (array_agg(text_b order by valid_from desc))[1] as text_b
      from changed group by item_id
    )
    select *, case when label_before is null then 'added' when label_after is null then 'removed'
                   when label_before <> label_after then 'relabelled' when split_before <> split_after then 'moved' end as kind
    from sides`;
}

type DiffRow = { item_id: string; external_id: string; text_a: string; text_b: string; label_before: string | null; split_before: string | null; label_after: string | null; split_after: string | null; kind: TDatasetDiffRow['kind'] | null };

async function lineageVersion(db: DbOrTx, caller: TUser, versionId: string, projectId?: string): Promise<VersionRow> {
  const v = await versionForEngineer(db, caller, versionId);
  if (projectId !== undefined && v.projectId !== projectId) throw new AppError('bad_request', 'against: compare with a version of the same project', 'against');
  if (v.status === 'rejected') throw new AppError('conflict', `version ${v.number} was rejected: it keeps its report but no rows to compare`);
  return v;
}

/**
 * Rows added, removed, relabelled (label changed, maybe split too) or moved (split only)
 * between `against` (the parent by default; none: everything is added) and the version.
 */
export async function diffDatasetVersion(ctx: ServiceContext, caller: TUser, versionId: string, q: DiffQuery): Promise<TDatasetDiff> {
  const v = await lineageVersion(ctx.db, caller, versionId);
  const againstId = q.against ?? v.parentId;
  const against = againstId ? await lineageVersion(ctx.db, caller, againstId, v.projectId) : null;
  // Version 0 holds nothing: every revision has valid_from ≥ 1.
  const before = against?.number ?? 0;
  const summary = await ctx.db.execute<{ added: number; removed: number; relabelled: number; moved: number }>(sql`
    select count(*) filter (where kind = 'added')::int as added, count(*) filter (where kind = 'removed')::int as removed,
           count(*) filter (where kind = 'relabelled')::int as relabelled, count(*) filter (where kind = 'moved')::int as moved
    from (${changedItems(v.projectId, before, v.number)}) d`);
  const page = await ctx.db.execute<DiffRow>(sql`
    select * from (${changedItems(v.projectId, before, v.number, q.cursor)}) d
    where kind is not null ${q.kind ? sql`and kind = ${q.kind}` : sql``}
    order by item_id limit ${q.limit + 1}`);
  const rows = page.rows.slice(0, q.limit).map(
    (r): TDatasetDiffRow => ({
      itemId: r.item_id,
      externalId: r.external_id,
      kind: r.kind!,
      textA: r.text_a,
      textB: r.text_b,
      before: r.label_before === null ? null : { label: r.label_before, split: r.split_before! },
      after: r.label_after === null ? null : { label: r.label_after, split: r.split_after! },
    }),
  );
  return {
    against: against?.id ?? null,
    summary: summary.rows[0]!,
    rows,
    nextCursor: page.rows.length > q.limit ? rows[rows.length - 1]!.itemId : null,
  };
}
