import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createDatabase, migrateDatabase } from '@quorum/db';
import { bullJobQueue, bullQueue, redisConnection, socketEventPublisher, type ServiceContext } from '@quorum/services';
import { startWorker } from '@quorum/worker';
import { createApp } from '../../apps/api/src/app';

/**
 * What a benchmark needs, started by the benchmark itself: a throw-away embedded PostgreSQL (or
 * BENCH_DATABASE_URL) migrated to the latest schema, a local Redis (or BENCH_REDIS_URL), a
 * ServiceContext on them, and on request the real API on a random port and the real worker.
 * Note: the embedded PostgreSQL runs with fsync off, as in the tests.
 */
export type BenchServices = Awaited<ReturnType<typeof benchServices>>;

type ServicesModule = {
  startPostgres: (o: { dir: string; database?: string }) => Promise<{ url: string; stop: () => Promise<void> }>;
  startRedis: (o: { dir?: string }) => Promise<{ url: string; stop: () => Promise<void> }>;
};

export async function benchServices(opts: { redis?: boolean } = {}) {
  const services = (await import(path.join(__dirname, '../../scripts/services.mjs'))) as ServicesModule;
  const stops: (() => Promise<void>)[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    const pg = await services.startPostgres({ dir: tmp, database: 'bench' });
    stops.push(pg.stop);
    databaseUrl = pg.url;
  }
  await migrateDatabase(databaseUrl);
  let redisUrl: string | null = null;
  if (opts.redis) {
    redisUrl = process.env.BENCH_REDIS_URL ?? null;
    if (!redisUrl) {
      const r = await services.startRedis({});
      stops.push(r.stop);
      redisUrl = r.url;
    }
  }
  const database = createDatabase(databaseUrl, { max: 20 });
  stops.push(() => database.close());
  return {
    databaseUrl,
    redisUrl,
    db: database.db,
    pool: database.pool,
    async stop() {
      for (const s of stops.reverse()) await s().catch(() => {});
    },
  };
}

/** The services plus the real API (no rate limits) and, when asked, the real worker in this process. */
export async function benchPlatform(opts: { worker?: boolean; workerConcurrency?: number } = {}) {
  const s = await benchServices({ redis: true });
  const url = s.redisUrl!;
  const prefix = `bench-${randomUUID()}`;
  const socketKey = `sio-${randomUUID()}`;
  const redis = redisConnection(url);
  const queue = bullQueue({ url, prefix }, redis);
  const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const ctx: ServiceContext = { db: s.db, jobs: bullJobQueue(queue), events: socketEventPublisher(redis, { url, socketKey }), now: () => new Date(), random: Math.random, log };
  const { http, io } = createApp({ ctx, pool: s.pool, redis, sessionSecret: `bench-${randomUUID()}`, socketKey, rateLimitPerMinute: 1_000_000, loginRateLimitPerMinute: 1_000_000 });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const worker = opts.worker
    ? await startWorker({ databaseUrl: s.databaseUrl, url, prefix, socketKey, concurrency: opts.workerConcurrency ?? 4, sweepEveryMs: 30_000, reconcileEveryMs: 30_000, mergeEveryMs: 0, logLevel: process.env.LOG_LEVEL ?? 'silent' })
    : null;
  return {
    ...s,
    ctx,
    baseUrl,
    queue,
    async stop() {
      await worker?.close();
      await io.close();
      await new Promise((resolve) => http.close(resolve));
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await redis.quit();
      await s.stop();
    },
  };
}
