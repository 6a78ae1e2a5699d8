import { workerEnv } from './env';
import { startWorker } from './worker';

async function main() {
  const env = workerEnv();
  const w = await startWorker({
    databaseUrl: env.DATABASE_URL,
    url: env.REDIS_URL,
    concurrency: env.WORKER_CONCURRENCY,
    sweepEveryMs: env.SWEEP_EVERY_MS,
    reconcileEveryMs: env.RECONCILE_EVERY_MS,
    mergeEveryMs: env.MERGE_EVERY_MS,
    reaggregateEveryMs: env.REAGGREGATE_EVERY_MS,
    selectEveryMs: env.SELECT_EVERY_MS,
    logLevel: env.LOG_LEVEL,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await w.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('[worker] failed to start:', err);
  process.exit(1);
});
