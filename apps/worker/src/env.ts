import { z } from 'zod';

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
});
export type WorkerEnv = z.infer<typeof ZEnv>;

/** Parses the environment once; an empty string counts as unset. Exits listing the bad keys. */
export function workerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    console.error(`[worker] bad environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    process.exit(1);
  }
  return parsed.data;
}
