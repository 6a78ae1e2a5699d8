import { sql } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import type { Job } from '../context';

/**
 * When a project's model is refitted between schedules: once the accepted labels since the last
 * fit reach max(200, 10 % of the labels fitted). 200 because a fit on fewer labels than that says
 * little about any one labeller (5 labellers × 40 answers); 10 % because a model that has seen 90 %
 * of the evidence moves little with the rest, and refitting a million labels costs seconds.
 */
export const REAGGREGATE_MIN_NEW_LABELS = 200;
export const REAGGREGATE_NEW_SHARE = 0.1;

export function reaggregationThreshold(labelsFitted: number): number {
  return Math.max(REAGGREGATE_MIN_NEW_LABELS, Math.ceil(REAGGREGATE_NEW_SHARE * labelsFitted));
}

export const reaggregateJob = (projectId: string, scheduled = false): Job => ({
  name: 'reaggregate-project',
  payload: scheduled ? { projectId, scheduled } : { projectId },
  opts: { dedupeId: jobIds.reaggregateProject(projectId) },
});

/**
 * Whether enough labels were accepted since `fittedAt` (null: no fit yet). Counts assignments of
 * batches decided since then (batch_project_decided_idx), stopping at the threshold, so the check
 * costs the same on a project with a million labels.
 */
export async function reaggregationDue(db: DbOrTx, projectId: string, fitted: { labelsFitted: number; fittedAt: Date | null }): Promise<boolean> {
  const threshold = reaggregationThreshold(fitted.labelsFitted);
  const res = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from batch b join assignment a on a.batch_id = b.id
      where b.project_id = ${projectId} and b.decided_at > ${fitted.fittedAt ?? new Date(0)} and a.status = 'accepted'
      limit ${threshold}) s`);
  return (res.rows[0]?.n ?? 0) >= threshold;
}

/** Projects whose model is behind by the threshold: what the reconciler re-enqueues. */
export async function projectsDueForReaggregation(db: DbOrTx): Promise<string[]> {
  const res = await db.execute<{ id: string }>(sql`
    select p.id from project p left join aggregation_model m on m.project_id = p.id
    cross join lateral (select greatest(${sql.raw(String(REAGGREGATE_MIN_NEW_LABELS))}, ceil(${sql.raw(String(REAGGREGATE_NEW_SHARE))} * coalesce(m.labels_fitted, 0)))::int as threshold) t
    where (select count(*) from (
             select 1 from batch b join assignment a on a.batch_id = b.id
             where b.project_id = p.id and b.decided_at > coalesce(m.fitted_at, '-infinity') and a.status = 'accepted'
             limit t.threshold) s) >= t.threshold`);
  return res.rows.map((r) => r.id);
}

/**
 * Projects with anything the model has not seen: a batch decided (accepted, rejected or taken
 * back) or a known answer added since the fit, or a method that changed. The schedule refits them.
 */
export async function projectsWithStaleModel(db: DbOrTx): Promise<string[]> {
  const res = await db.execute<{ id: string }>(sql`
    select p.id from project p left join aggregation_model m on m.project_id = p.id
    where (m.project_id is not null and m.method <> p.aggregation_method)
       or exists (select 1 from batch b where b.project_id = p.id and b.status in ('accepted', 'rejected')
                  and b.decided_at > coalesce(m.fitted_at, '-infinity'))
       or exists (select 1 from gold_answer g join item i on i.id = g.item_id
                  where i.project_id = p.id and g.created_at > coalesce(m.fitted_at, '-infinity'))`);
  return res.rows.map((r) => r.id);
}

/** The same question for one project: the re-aggregation job's early exit when nothing is new. */
export async function modelIsStale(db: DbOrTx, projectId: string): Promise<boolean> {
  const res = await db.execute<{ stale: boolean }>(sql`
    select (m.project_id is null or m.method <> p.aggregation_method
       or exists (select 1 from batch b where b.project_id = p.id and b.status in ('accepted', 'rejected') and b.decided_at > m.fitted_at)
       or exists (select 1 from gold_answer g join item i on i.id = g.item_id where i.project_id = p.id and g.created_at > m.fitted_at)) as stale
    from project p left join aggregation_model m on m.project_id = p.id where p.id = ${projectId}`);
  return res.rows[0]?.stale ?? false;
}
