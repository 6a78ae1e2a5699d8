import { sql } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import { flush, Outbox, type Job, type ServiceContext } from '../context';

export const selectItemsJob = (projectId: string): Job => ({ name: 'select-items', payload: { projectId }, opts: { dedupeId: jobIds.selectItems(projectId) } });

/**
 * Projects with room in their open-item budget and samples in their pool. Both tests are index
 * probes (item_project_status_idx, counting no further than the budget; the first entry of
 * sample_pool_idx), so the schedule costs the same for a project of a million samples.
 */
export async function projectsWithRoom(db: DbOrTx): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
    select p.id from project p
    where exists (select 1 from sample s where s.project_id = p.id and s.pooled)
      and (select count(*) from (select 1 from item i where i.project_id = p.id and i.status = 'labelling' limit p.open_item_budget) o) < p.open_item_budget
    order by p.id`);
  return r.rows.map((row) => row.id);
}

/**
 * The schedule (worker job `select-due`, every minute): one select-items job per project that can
 * take more items, deduplicated per project, so items settling between ingests are replaced
 * and a budget larger than the per-run cap fills run by run. Ingest enqueues selection too.
 */
export async function enqueueDueSelections(ctx: ServiceContext): Promise<{ projects: number }> {
  const out = new Outbox();
  const ids = await projectsWithRoom(ctx.db);
  for (const id of ids) out.job(selectItemsJob(id));
  await flush(ctx, out);
  return { projects: ids.length };
}
