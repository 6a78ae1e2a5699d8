import { z } from 'zod';
import { envParse } from '@quorum/services';

const ZEnv = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often expired leases are swept and pending work reconciled. */
  SWEEP_EVERY_MS: z.coerce.number().int().min(1000).default(30_000),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  /** How often settled items are merged into a candidate dataset version (0 = only on request). */
  MERGE_EVERY_MS: z.coerce.number().int().min(0).default(600_000),
  /** How often projects with labels newer than their aggregation model are refitted (0 = only when enough new labels arrive). */
  REAGGREGATE_EVERY_MS: z.coerce.number().int().min(0).default(300_000),
  /** How often projects with room in their open-item budget are topped up from the pool (0 = only after ingest and on request). */
  SELECT_EVERY_MS: z.coerce.number().int().min(0).default(60_000),
});
export type WorkerEnv = z.infer<typeof ZEnv>;

export function workerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return envParse('worker', ZEnv, source);
}
