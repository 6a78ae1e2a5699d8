import { sql } from 'drizzle-orm';
import type { FindingCode, ParentRow, SplitLabelCounts } from '@quorum/core';
import { splitLabelCountsAdd, splitLabelCountsEmpty } from '@quorum/core';
import type { Tx } from '@quorum/db';
import { OPEN } from './rows-sql';

// What a merge offers the checks, read into two temporary tables that live as long as the
// merge's transaction:
//   merge_offer  rows that may join the version, with everything the revision will hold:
//                 'fresh'     settled items not in the newest version and not in quarantine;
//                 'released' / 'fixed'  quarantined rows the engineer sent back;
//                 'relabel'   rows of the newest version whose item settled on another label since;
//   merge_gone   rows of the newest version whose item is no longer settled (they leave).
// The merge runs only when no candidate is open, so "the newest version" is the parent.

export type OfferKind = 'fresh' | 'released' | 'fixed' | 'relabel';
export type OfferedRow = { itemId: string; kind: OfferKind; externalId: string; textA: string; textB: string; label: string; released: FindingCode[] };

export async function mergeOfferCreate(tx: Tx, projectId: string, labels: readonly string[]): Promise<void> {
  const labelList = sql`(select value as label, ordinality as ord from jsonb_array_elements_text(${JSON.stringify(labels)}::jsonb) with ordinality)`;
  const perLabel = (map: ReturnType<typeof sql>, type: 'float8' | 'int') =>
    sql`(select array_agg(coalesce((${map}->>l.label)::${sql.raw(type)}, 0) order by l.ord) from ${labelList} l)`;
  await tx.execute(sql`
    create temp table merge_offer on commit drop as
    with rel as (
      select distinct on (labeller_id) labeller_id, accuracy, low, high, evidence_count, computed_at
      from labeller_reliability where project_id = ${projectId} order by labeller_id, computed_at desc
    ), src as (
      select i.id as item_id, 'fresh'::text as kind, null::uuid as quarantine_id, null::text as q_text_a, null::text as q_text_b,
             null::text as q_label, '{}'::text[] as released
      from item i
      where i.project_id = ${projectId} and i.status = 'settled'
        and not exists (select 1 from dataset_row r where r.project_id = ${projectId} and r.item_id = i.id and r.valid_to = ${OPEN})
        and not exists (select 1 from quarantined_row q where q.item_id = i.id and q.resolved_version_id is null)
      union all
      select q.item_id, q.status, q.id, q.text_a, q.text_b, q.label, case when q.status = 'released' then q.codes else '{}' end
      from quarantined_row q join item i on i.id = q.item_id
      where q.project_id = ${projectId} and q.resolved_version_id is null and q.status in ('released', 'fixed') and i.status = 'settled'
      union all
      select r.item_id, 'relabel', null, null, null, null, '{}'
      from dataset_row r join item i on i.id = r.item_id
      where r.project_id = ${projectId} and r.valid_to = ${OPEN} and r.origin = 'merge' and i.status = 'settled' and i.final_label is distinct from r.label
    )
    select src.item_id, src.kind, src.quarantine_id, src.released, s.id as sample_id, s.external_id,
           coalesce(src.q_text_a, s.text_a) as text_a, coalesce(src.q_text_b, s.text_b) as text_b,
           coalesce(src.q_label, i.final_label) as label, i.decided_by,
           (select max(e.value::float8) / nullif(sum(e.value::float8), 0) from jsonb_each_text(a.votes) e) as agreement,
           case when a.item_id is not null then ${perLabel(sql`a.posterior`, 'float8')} end as posterior,
           case when a.item_id is not null then ${perLabel(sql`a.votes`, 'int')} end as votes,
           s.model_label, s.model_version, ${perLabel(sql`s.model_probs`, 'float8')} as model_probs,
           case when rv.status = 'settled' then rv.note end as expert_note,
           coalesce(vt.batch_ids, '{}'::uuid[]) as batch_ids,
           jsonb_build_object(
             'votes', coalesce(vt.votes, '[]'::jsonb),
             'posterior', a.posterior,
             'aggregation', case when a.item_id is not null then jsonb_build_object('method', a.method, 'winner', a.winner, 'agreement', a.agreement, 'disagreement', a.disagreement, 'computedAt', a.computed_at) end,
             'expert', case when rv.status = 'settled' then jsonb_build_object('decision', rv.decision, 'label', rv.label, 'note', rv.note, 'settledBy', rv.settled_by, 'settledAt', rv.settled_at, 'crowdLabel', rv.crowd_label) end,
             'model', jsonb_build_object('label', s.model_label, 'version', s.model_version, 'probs', s.model_probs),
             'sampleId', s.id,
             'batchIds', to_jsonb(coalesce(vt.batch_ids, '{}'::uuid[])),
             'quarantine', case when src.quarantine_id is not null then jsonb_build_object('id', src.quarantine_id, 'status', src.kind) end
           ) as provenance
    from src
    join item i on i.id = src.item_id
    join sample s on s.id = i.sample_id
    left join aggregate a on a.item_id = i.id
    left join review rv on rv.item_id = i.id
    left join lateral (
      -- The accepted votes, each with its voter's reliability as the project knows it now.
      select jsonb_agg(jsonb_build_object('labellerId', l.labeller_id, 'label', l.value, 'batchId', l.batch_id,
               'reliability', case when rel.labeller_id is not null then jsonb_build_object('accuracy', rel.accuracy, 'low', rel.low, 'high', rel.high, 'evidenceCount', rel.evidence_count, 'computedAt', rel.computed_at) end)
               order by l.labeller_id) as votes,
             array_agg(distinct l.batch_id order by l.batch_id) as batch_ids
      from label l join assignment asg on asg.id = l.assignment_id
      left join rel on rel.labeller_id = l.labeller_id
      where l.item_id = i.id and asg.status = 'accepted' and not asg.is_gold
    ) vt on true`);
  await tx.execute(sql`
    create temp table merge_gone on commit drop as
    select r.item_id from dataset_row r join item i on i.id = r.item_id
    where r.project_id = ${projectId} and r.valid_to = ${OPEN} and i.status <> 'settled'`);
}

/** The offered rows, in item order (the checks' verdicts do not depend on it; the test data does). */
export async function mergeOfferRows(tx: Tx): Promise<OfferedRow[]> {
  const rows = await tx.execute<{ item_id: string; kind: OfferKind; external_id: string; text_a: string; text_b: string; label: string; released: string[] }>(
    sql`select item_id, kind, external_id, text_a, text_b, label, released from merge_offer order by item_id`,
  );
  return rows.rows.map((r) => ({ itemId: r.item_id, kind: r.kind, externalId: r.external_id, textA: r.text_a, textB: r.text_b, label: r.label, released: r.released as FindingCode[] }));
}

export async function mergeGoneCount(tx: Tx): Promise<number> {
  const r = await tx.execute<{ n: number }>(sql`select count(*)::int as n from merge_gone`);
  return r.rows[0]?.n ?? 0;
}

/** Parent rows that stay (not leaving, not being relabelled). */
const staying = sql`r.item_id not in (select item_id from merge_gone union all select item_id from merge_offer where kind = 'relabel')`;

/**
 * The parent's rows a new row can match: those sharing an LSH band with one (an identical pair
 * shares them all), and rows stored without bands (migrated ones). `bands` null: every row, for
 * a parent whose bands were computed under other settings.
 */
export async function mergeParentRows(tx: Tx, projectId: string, bands: readonly number[] | null): Promise<ParentRow[]> {
  const match = bands
    ? sql`and (r.lsh_bands is null or exists (select 1 from unnest(r.lsh_bands) b where b in (select band from merge_band)))`
    : sql``;
  if (bands) {
    await tx.execute(sql`create temp table merge_band on commit drop as select distinct unnest(${sql.param(bands)}::int4[]) as band`);
    await tx.execute(sql`analyze merge_band`);
  }
  const rows = await tx.execute<{ item_id: string; text_a: string; text_b: string; label: string; split: ParentRow['split'] }>(sql`
    select r.item_id, r.text_a, r.text_b, r.label, r.split from dataset_row r
    where r.project_id = ${projectId} and r.valid_to = ${OPEN} and ${staying} ${match}`);
  return rows.rows.map((r) => ({ itemId: r.item_id, textA: r.text_a, textB: r.text_b, label: r.label, split: r.split ?? undefined }));
}

/** Counts per split and label of every parent row that stays. */
export async function mergeParentCounts(tx: Tx, projectId: string, labels: readonly string[]): Promise<SplitLabelCounts> {
  const rows = await tx.execute<{ split: 'train' | 'dev' | 'test'; label: string; n: number }>(sql`
    select r.split, r.label, count(*)::int as n from dataset_row r
    where r.project_id = ${projectId} and r.valid_to = ${OPEN} and ${staying} group by 1, 2`);
  const counts = splitLabelCountsEmpty(labels);
  for (const r of rows.rows) splitLabelCountsAdd(counts, r.split, r.label, r.n);
  return counts;
}
