import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
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
  const { http, io } = createApp({ ctx, pool: database.pool, redis, queue, sessionSecret: 'test-session-secret-0123456789', socketKey, webDistDir: opts.webDistDir, rateLimitPerMinute: 1_000_000, loginRateLimitPerMinute: 1_000_000 });
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
/**
 * Makes items of the given samples that selection left out. Selection never selects the same
 * normalised pair twice, so tests of the dataset checks that must still catch a duplicate or a
 * conflict (a dataset's second line of defence) plant the copy as an item directly.
 * Returns how many items it made.
 */
export async function plantItems(p: Platform, projectId: string, externalIds: readonly string[]): Promise<number> {
  const res = await p.db.execute(sql`
    insert into item (project_id, sample_id, overlap, status)
    select s.project_id, s.id, pr.overlap, 'labelling' from sample s join project pr on pr.id = s.project_id
    where s.project_id = ${projectId} and s.external_id = any(${sql.param([...externalIds])}::text[])
      and not exists (select 1 from item i where i.sample_id = s.id)`);
  return res.rowCount ?? 0;
}

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

// Selection skips near-duplicates (shingle Jaccard ≥ 0.9), so pairs that differ only in their
// number would be one question. Each side has its own four-letter word in place of "help"
// (distinct pairs for n < 256), which keeps "task number n" and the texts' length: reading-time
// tests depend on it.
// In alphabetical order, so pairs 0–15 sort by text as they did by number.
const NEEDS = ['bike', 'cake', 'cats', 'desk', 'door', 'fuse', 'lawn', 'math', 'oven', 'pipe', 'roof', 'shed', 'sink', 'sofa', 'taps', 'wall'];
const OFFERS = ['jobs', 'work', 'runs', 'fees', 'hire', 'rota', 'kits', 'vans', 'mops', 'saws', 'tape', 'nail', 'glue', 'bins', 'pots', 'rugs'];

export const pair = (n: number, probs = { match: 0.5, no_match: 0.5 }, extra: Record<string, unknown> = {}) => ({
  externalId: `ext-${n}`,
  textA: `I need ${NEEDS[n % 16]} with task number ${n}`,
  textB: `I can ${OFFERS[Math.floor(n / 16) % 16]} with task number ${n}`,
  modelProbs: probs,
  ...extra,
});
