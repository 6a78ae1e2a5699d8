import { sql } from 'drizzle-orm';
import { REVIEW_BUCKET_EPSILON, REVIEW_CONFIDENCE_BUCKETS, type QualityCalibrationRecord } from '@quorum/core';
import type { DbOrTx } from '@quorum/db';

// The quality panel's reads. Each takes (db | tx, params), aggregates in SQL and returns small
// plain rows; the statistics are core's.

/** Ten bins over [0, 1], like the confidence buckets. */
export const DISAGREEMENT_BINS = 10;

/**
 * Items the crowd finished per UTC day since `since`: escalated ones (their review was created
 * that day) and ones the crowd settled. An item escalated and later settled by an expert counts
 * once, as escalated, on the day it went to the queue.
 */
export async function escalationDays(db: DbOrTx, projectId: string, since: Date) {
  const res = await db.execute<{ day: string; decided: number; escalated: number }>(sql`
    select day::text as day, count(*)::int as decided, sum(escalated)::int as escalated from (
      select (r.created_at at time zone 'UTC')::date as day, 1 as escalated
      from review r where r.project_id = ${projectId} and r.created_at >= ${since}
      union all
      select (i.settled_at at time zone 'UTC')::date, 0
      from item i where i.project_id = ${projectId} and i.status = 'settled' and i.decided_by = 'crowd' and i.settled_at >= ${since}
    ) d group by day order by day`);
  return res.rows;
}

export type AlphaMarginRow = { week: string; value: string; total: number; diagonal: number; units: number };

/**
 * One pass over the project's aggregates gives two figures, as two grouping sets:
 *
 * - aggregated items per disagreement bin (ten bins over [0, 1]; the epsilon is core's bucket
 *   nudge: disagreement is a float4, and 0.7 stored as 0.69999999 belongs in the 0.7 bin);
 * - Krippendorff's alpha margins per week over the accepted labels of aggregated items. An
 *   aggregate keeps its vote counts (accepted answers, controls apart: every labeller answers
 *   those, they would outweigh the items), which are exactly the unit's label counts n_uc, so a
 *   million labels are read as two hundred thousand small jsonb objects, one `->>` per label,
 *   instead of joined row by row. A unit is an item with at least two such labels, dated by the
 *   week (Monday, UTC) it was selected: the week's cohort of items. Per label c:
 *     total    = Σ_u n_uc                          (row total n_c of the coincidence matrix)
 *     diagonal = Σ_u n_uc (n_uc − 1) / (m_u − 1)   (o_cc)
 */
export async function aggregateFigures(db: DbOrTx, projectId: string, labels: readonly string[]) {
  const n = (k: number) => sql.raw(`n${k}`);
  const perLabel = labels.map((l, k) => sql`coalesce((a.votes ->> ${l})::float8, 0) as ${n(k)}`);
  const margins = labels.map((_, k) => sql`sum(${n(k)}) filter (where m >= 2) as ${sql.raw(`t${k}`)}, sum(${n(k)} * (${n(k)} - 1) / (m - 1)) filter (where m >= 2) as ${sql.raw(`d${k}`)}`);
  const res = await db.execute<Record<string, number | string | null>>(sql`
    with u as (
      select date_trunc('week', i.selected_at at time zone 'UTC')::date::text as week,
             least(${DISAGREEMENT_BINS - 1}, floor(greatest(0, a.disagreement::float8) * ${DISAGREEMENT_BINS} + ${REVIEW_BUCKET_EPSILON}))::int as bin,
             a.disagreement::float8 as disagreement, a.label_count::float8 as m, ${sql.join(perLabel, sql`, `)}
      from aggregate a join item i on i.id = a.item_id
      where i.project_id = ${projectId} and i.status <> 'gold'
    )
    select grouping(week) as by_bin, week, bin, count(*)::int as items, sum(disagreement)::float8 as dsum,
           count(*) filter (where m >= 2)::int as units, ${sql.join(margins, sql`, `)}
    from u group by grouping sets ((week), (bin))`);
  const bins: { bin: number; count: number; sum: number }[] = [];
  const alpha: AlphaMarginRow[] = [];
  for (const r of res.rows) {
    if (Number(r.by_bin) === 1) {
      bins.push({ bin: Number(r.bin), count: Number(r.items), sum: Number(r.dsum) });
      continue;
    }
    // The week's units go on its first label's row: summed over a week's rows they count once.
    labels.forEach((value, k) => alpha.push({ week: String(r.week), value, total: Number(r[`t${k}`] ?? 0), diagonal: Number(r[`d${k}`] ?? 0), units: k === 0 ? Number(r.units) : 0 }));
  }
  return { bins, alpha: alpha.filter((a) => a.units > 0 || a.total > 0) };
}

/** The crowd's answers to controls in decided batches against the known answers; and those of
 *  accepted batches. Batches still open or waiting may yet change their answers' fate. */
export async function goldAnswers(db: DbOrTx, projectId: string) {
  const res = await db.execute<{ answered: number; correct: number; accepted_answered: number; accepted_correct: number }>(sql`
    select count(*)::int as answered,
           count(*) filter (where l.value = g.label)::int as correct,
           count(*) filter (where a.status = 'accepted')::int as accepted_answered,
           count(*) filter (where a.status = 'accepted' and l.value = g.label)::int as accepted_correct
    from assignment a
    join label l on l.assignment_id = a.id
    join gold_answer g on g.item_id = a.item_id
    join batch b on b.id = a.batch_id
    where a.is_gold and a.status in ('accepted', 'rejected') and b.project_id = ${projectId}`);
  return res.rows[0]!;
}

/**
 * Settled items per model-confidence bucket, wrong ones, and Σ confidence. The bucket expression
 * is the review queue's (modelRecordByBucket), so both read the model the same way.
 */
export async function calibrationRecords(db: DbOrTx, projectId: string): Promise<QualityCalibrationRecord[]> {
  const buckets = REVIEW_CONFIDENCE_BUCKETS;
  const res = await db.execute<{ bucket: number; settled: number; wrong: number; confidence_sum: number }>(sql`
    select least(${buckets - 1}, floor(greatest(0, least(1, s.model_confidence::float8)) * ${buckets} + ${REVIEW_BUCKET_EPSILON}))::int as bucket,
           count(*)::int as settled,
           count(*) filter (where s.model_label <> i.final_label)::int as wrong,
           sum(greatest(0, least(1, s.model_confidence::float8)))::float8 as confidence_sum
    from item i join sample s on s.id = i.sample_id
    where i.project_id = ${projectId} and i.status = 'settled' and i.final_label is not null and s.model_label is not null
    group by 1`);
  return res.rows.map((r) => ({ bucket: r.bucket, settled: r.settled, wrong: r.wrong, confidenceSum: r.confidence_sum }));
}
