import { flush, Outbox, type ServiceContext } from '../context';
import { projectsWithStaleModel, reaggregateJob } from './reaggregation-trigger';

/**
 * The periodic refit (worker schedule `reaggregate-stale`, every few minutes): one
 * reaggregate-project job per project whose model has not seen its latest labels or known
 * answers. Between schedules, enough new labels enqueue the job directly (aggregateItem).
 */
export async function enqueueStaleReaggregations(ctx: ServiceContext): Promise<{ projects: number }> {
  const out = new Outbox();
  const ids = await projectsWithStaleModel(ctx.db);
  for (const id of ids) out.job(reaggregateJob(id, true));
  await flush(ctx, out);
  return { projects: ids.length };
}
