import { sql } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import { projectsDueForReaggregation, reaggregateJob } from './aggregation/reaggregation-trigger';
import { flush, Outbox, type ServiceContext } from './context';

/**
 * Re-enqueues whatever PostgreSQL says is pending. Redis carries work, not state: after Redis
 * is wiped, or a job was lost between a commit and its enqueue, this puts the work back.
 * Every job is idempotent, so re-enqueueing work that is in fact queued costs a no-op.
 */
export async function reconcile(ctx: ServiceContext): Promise<{ scoreBatch: number; aggregateItem: number; selectItems: number; reaggregate: number }> {
  const out = new Outbox();
  const submitted = await ctx.db.execute<{ id: string }>(sql`select id from batch where status = 'submitted'`);
  for (const r of submitted.rows) out.job({ name: 'score-batch', payload: { batchId: r.id }, opts: { dedupeId: jobIds.scoreBatch(r.id) } });
  const full = await ctx.db.execute<{ id: string }>(sql`
    select i.id from item i
    where i.status = 'labelling'
      and (select count(*) from assignment a where a.item_id = i.id and a.status = 'accepted' and not a.is_gold) >= i.overlap`);
  for (const r of full.rows) out.job({ name: 'aggregate-item', payload: { itemId: r.id }, opts: { dedupeId: jobIds.aggregateItem(r.id) } });
  const hungry = await ctx.db.execute<{ id: string }>(sql`
    select p.id from project p
    where (select count(*) from item i where i.project_id = p.id and i.status = 'labelling') < p.open_item_budget
      and exists (select 1 from sample s where s.project_id = p.id and not exists (select 1 from item i where i.sample_id = s.id))`);
  for (const r of hungry.rows) out.job({ name: 'select-items', payload: { projectId: r.id }, opts: { dedupeId: jobIds.selectItems(r.id) } });
  // A model behind by the re-aggregation threshold: its job was enqueued by aggregateItem, unless lost.
  const stale = await projectsDueForReaggregation(ctx.db);
  for (const id of stale) out.job(reaggregateJob(id));
  await flush(ctx, out);
  return { scoreBatch: submitted.rows.length, aggregateItem: full.rows.length, selectItems: hungry.rows.length, reaggregate: stale.length };
}
