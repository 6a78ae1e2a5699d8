import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import type { TRole } from '@quorum/contracts';
import { createTestDatabase, testRedisUrl } from '@quorum/db/src/testing';
import { bullJobQueue, bullQueue, createUser, redisConnection, socketEventPublisher, type ServiceContext } from '@quorum/services';
import { startWorker } from '@quorum/worker';
import { createApp } from '../../src/app';

export const PASSWORD = 'correct horse battery';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * The real platform for a test file: its own PostgreSQL database, its own BullMQ prefix and
 * socket.io channel on the shared test Redis, the real Express app on a random port, and
 * (when asked) the real worker in the same process.
 */
export async function startPlatform(opts: { worker?: boolean; webDistDir?: string } = {}) {
  const database = await createTestDatabase();
  const url = testRedisUrl();
  const prefix = `test-${randomUUID()}`;
  const socketKey = `sio-${randomUUID()}`;
  const redis = redisConnection(url);
  const queue = bullQueue({ url, prefix }, redis);
  const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  const ctx: ServiceContext = {
    db: database.db,
    jobs: bullJobQueue(queue),
    events: socketEventPublisher(redis, { url, socketKey }),
    now: () => new Date(),
    random: Math.random,
    log,
  };
  const { http, io } = createApp({ ctx, pool: database.pool, redis, sessionSecret: 'test-session-secret-0123456789', socketKey, webDistDir: opts.webDistDir, rateLimitPerMinute: 1_000_000, loginRateLimitPerMinute: 1_000_000 });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const worker = opts.worker ? await startWorker({ databaseUrl: database.url, url, prefix, socketKey, concurrency: 4, sweepEveryMs: 60_000, reconcileEveryMs: 60_000, mergeEveryMs: 0, logLevel: process.env.LOG_LEVEL ?? 'silent' }) : null;

  const users = async (specs: { email: string; role: TRole; displayName?: string }[]) =>
    Promise.all(specs.map((s) => createUser(ctx.db, { email: s.email, role: s.role, displayName: s.displayName ?? s.email.split('@')[0]!, password: PASSWORD })));
  const login = async (email: string) => {
    const agent = request.agent(http);
    await agent.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    return agent;
  };
  return {
    ctx,
    db: database.db,
    databaseUrl: database.url,
    redisUrl: url,
    http,
    baseUrl,
    queue,
    users,
    login,
    anonymous: () => request(http),
    async close() {
      await worker?.close();
      await io.close();
      await new Promise((resolve) => http.close(resolve));
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      await redis.quit();
      await database.drop();
    },
  };
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Agent = Awaited<ReturnType<Platform['login']>>;

/** An engineer's project with members, created through the API. */
export async function projectWithMembers(engineer: Agent, memberEmails: string[], config: Record<string, unknown> = {}) {
  const res = await engineer.post('/api/v1/projects').send({ name: `p-${randomUUID().slice(0, 8)}`, ...config }).expect(201);
  for (const email of memberEmails) await engineer.post(`/api/v1/projects/${res.body.project.id}/members`).send({ email }).expect(201);
  return res.body.project as { id: string; labels: string[] };
}

export const pair = (n: number, probs = { match: 0.5, no_match: 0.5 }, extra: Record<string, unknown> = {}) => ({
  externalId: `ext-${n}`,
  textA: `I need help with task number ${n}`,
  textB: `I can help with task number ${n}`,
  modelProbs: probs,
  ...extra,
});
