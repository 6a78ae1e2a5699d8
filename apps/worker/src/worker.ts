import { Worker, type Job } from 'bullmq';
import { sql } from 'drizzle-orm';
import { QUEUE, jobIds, type JobName } from '@quorum/contracts';
import { createDatabase } from '@quorum/db';
import { bullJobQueue, bullQueue, flush, Outbox, redisConnection, socketEventPublisher, type RedisConfig, type ServiceContext } from '@quorum/services';
import pino from 'pino';
import { processors } from './registry';

export type WorkerOptions = RedisConfig & {
  databaseUrl: string;
  concurrency?: number;
  sweepEveryMs?: number;
  reconcileEveryMs?: number;
  mergeEveryMs?: number;
  /** How often projects with labels newer than their aggregation model are refitted (0: only on the label threshold). */
  reaggregateEveryMs?: number;
  /** How often every project with room in its budget is topped up from its pool (0: only after ingest and on request). */
  selectEveryMs?: number;
  logLevel?: string;
};

/**
 * Five minutes: a model refit costs a couple of seconds on a million labels, and between
 * schedules enough new labels (aggregateItem's threshold) trigger one anyway.
 */
export const REAGGREGATE_EVERY_MS_DEFAULT = 300_000;

/**
 * One minute: items settle continuously, and a project whose budget is larger than its per-run
 * cap fills one run per minute. A run on a full budget is two index probes.
 */
export const SELECT_EVERY_MS_DEFAULT = 60_000;

/**
 * Starts the BullMQ worker for every Quorum job, plus the schedules (lease sweep, reconcile,
 * re-aggregation of stale models, periodic merge) as job schedulers, which BullMQ keeps single
 * across worker processes.
 */
export async function startWorker(opts: WorkerOptions) {
  const log = pino({ name: 'worker', level: opts.logLevel ?? 'info' });
  // A job holds one connection, except re-aggregation: its transaction plus two snapshot reads at
  // once (snapshot-read.ts). Room for every job to be one, so no job waits on a connection that
  // only another waiting job could free; and two for the schedules.
  const database = createDatabase(opts.databaseUrl, { max: (opts.concurrency ?? 4) * 3 + 2 });
  const queueConn = redisConnection(opts.url);
  const workerConn = redisConnection(opts.url);
  const queue = bullQueue(opts, queueConn);
  const ctx: ServiceContext = {
    db: database.db,
    jobs: bullJobQueue(queue),
    events: socketEventPublisher(queueConn, opts),
    now: () => new Date(),
    random: Math.random,
    log,
  };
  const worker = new Worker(
    QUEUE,
    async (job: Job) => {
      const processor = processors[job.name as JobName];
      if (!processor) throw new Error(`unknown job ${job.name}`);
      return processor(ctx, job.data);
    },
    { connection: workerConn, prefix: opts.prefix ?? 'bull', concurrency: opts.concurrency ?? 4 },
  );
  worker.on('failed', (job, err) => log.warn({ job: job?.name, id: job?.id, err: err.message }, 'job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  await queue.upsertJobScheduler('sweep-leases', { every: opts.sweepEveryMs ?? 30_000 }, { name: 'sweep-leases', data: {} });
  await queue.upsertJobScheduler('reconcile', { every: opts.reconcileEveryMs ?? 60_000 }, { name: 'reconcile', data: {} });
  const reaggregateEveryMs = opts.reaggregateEveryMs ?? REAGGREGATE_EVERY_MS_DEFAULT;
  if (reaggregateEveryMs > 0) await queue.upsertJobScheduler('reaggregate-stale', { every: reaggregateEveryMs }, { name: 'reaggregate-stale', data: {} });
  else await queue.removeJobScheduler('reaggregate-stale');
  const selectEveryMs = opts.selectEveryMs ?? SELECT_EVERY_MS_DEFAULT;
  if (selectEveryMs > 0) await queue.upsertJobScheduler('select-due', { every: selectEveryMs }, { name: 'select-due', data: {} });
  else await queue.removeJobScheduler('select-due');
  await schedulePeriodicMerge(ctx, opts.mergeEveryMs ?? 600_000, log);
  await worker.waitUntilReady();
  log.info('worker ready');

  let mergeTimer: NodeJS.Timeout | undefined;
  if ((opts.mergeEveryMs ?? 0) > 0) {
    mergeTimer = setInterval(() => void schedulePeriodicMerge(ctx, opts.mergeEveryMs!, log), opts.mergeEveryMs);
    mergeTimer.unref();
  }
  return {
    worker,
    queue,
    ctx,
    /** Graceful: lets running jobs finish, then closes connections. */
    async close() {
      if (mergeTimer) clearInterval(mergeTimer);
      await worker.close();
      await queue.close();
      queueConn.disconnect();
      workerConn.disconnect();
      await database.close();
    },
  };
}

/** Enqueues a merge for every project that has settled items not yet in a dataset. */
async function schedulePeriodicMerge(ctx: ServiceContext, everyMs: number, log: pino.Logger) {
  if (everyMs <= 0) return;
  try {
    const rows = await ctx.db.execute<{ id: string }>(sql`
      select distinct i.project_id as id from item i
      where i.status = 'settled' and not exists (select 1 from dataset_row d where d.item_id = i.id)`);
    const out = new Outbox();
    for (const r of rows.rows) out.job({ name: 'merge-dataset', payload: { projectId: r.id }, opts: { dedupeId: jobIds.mergeDataset(r.id) } });
    await flush(ctx, out);
  } catch (err) {
    log.warn({ err }, 'periodic merge scheduling failed');
  }
}
