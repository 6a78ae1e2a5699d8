import type { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { ROUTES } from '@quorum/contracts';
import type { ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await within(2000, check());
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  }
}

export function healthRoutes(router: Router, ctx: ServiceContext, redis: Redis): void {
  defineRoute(router, ctx, ROUTES.health, async ({ res }) => {
    const [postgres, redisState] = await Promise.all([probe(() => ctx.db.execute(sql`select 1`)), probe(() => redis.ping())]);
    if (postgres !== 'ok' || redisState !== 'ok') {
      res.status(503).json({ status: 'unavailable', postgres, redis: redisState });
      return;
    }
    return { status: 'ok' as const, postgres, redis: redisState };
  });
}
