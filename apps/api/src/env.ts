import { z } from 'zod';
import { envParse } from '@quorum/services';

const ZEnv = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters'),
  /** The built web app; served at / when set and present. */
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per client IP across the API. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  NODE_ENV: z.string().default('development'),
});
export type ApiEnv = z.infer<typeof ZEnv>;

export function apiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  return envParse('api', ZEnv, source);
}
