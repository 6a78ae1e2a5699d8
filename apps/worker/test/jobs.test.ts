import { eq, sql } from 'drizzle-orm';
import { assignment, batch, item } from '@quorum/db';
import { aggregateItem, scoreSubmittedBatch, selectItems, sweepExpiredLeases } from '@quorum/services';
import { eventually, pair, projectWithMembers, startPlatform, type Agent, type Platform } from '../../api/test/support/platform';
import { startWorker } from '../src/worker';

// Jobs are idempotent and PostgreSQL is the truth: running a job twice changes nothing, and
// work whose queue entry was lost (Redis wiped) is found again by the reconciler.
let p: Platform;
let engineer: Agent;
const LABELLERS = [1, 2, 3, 4, 5].map((n) => `wj${n}@t.test`);

beforeAll(async () => {
  p = await startPlatform();
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'wje@t.test', role: 'engineer' }]);
  engineer = await p.login('wje@t.test');
});
afterAll(async () => p.close());

async function labelledProject(labels: string[]) {
  const project = await projectWithMembers(engineer, LABELLERS, { batchSize: 1, goldRatio: 0, readingTimeScale: 0.0001 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send([pair(1)]).expect(200);
  await selectItems(p.ctx, project.id);
  const batchIds: string[] = [];
  for (const [i, email] of LABELLERS.entries()) {
    const agent = await p.login(email);
    const { body } = await agent.post(`/api/v1/projects/${project.id}/batches`).expect(200);
    await agent.put(`/api/v1/assignments/${body.batch.assignments[0].id}/label`).send({ label: labels[i] }).expect(200);
    await agent.post(`/api/v1/batches/${body.batch.id}/submit`).expect(200);
    batchIds.push(body.batch.id);
  }
  return { project, batchIds };
}

test('scoring and aggregating twice gives the same result as once', async () => {
  const { batchIds } = await labelledProject(['match', 'match', 'match', 'match', 'no_match']);
  for (const id of batchIds) expect(await scoreSubmittedBatch(p.ctx, id)).toEqual({ decision: 'accept' });
  for (const id of batchIds) expect(await scoreSubmittedBatch(p.ctx, id)).toBeNull();
  const [{ itemId }] = (await p.db.select({ itemId: assignment.itemId }).from(assignment).where(eq(assignment.batchId, batchIds[0]!))) as [{ itemId: string }];
  expect(await aggregateItem(p.ctx, itemId)).toBe('settled');
  const before = await p.db.select().from(item).where(eq(item.id, itemId));
  expect(await aggregateItem(p.ctx, itemId)).toBeNull();
  expect(await p.db.select().from(item).where(eq(item.id, itemId))).toEqual(before);
  expect(before[0]).toMatchObject({ status: 'settled', finalLabel: 'match', decidedBy: 'crowd' });
});

test('after Redis loses the queue, the reconciler finds submitted batches and finishes them', async () => {
  const { project, batchIds } = await labelledProject(['no_match', 'no_match', 'no_match', 'no_match', 'no_match']);
  // The score jobs were enqueued on submit; wipe them as a Redis restart without persistence would.
  await p.queue.obliterate({ force: true });
  expect(await p.queue.count()).toBe(0);
  const w = await startWorker({ databaseUrl: p.databaseUrl, url: p.redisUrl, prefix: p.queue.opts.prefix, reconcileEveryMs: 300, sweepEveryMs: 60_000, mergeEveryMs: 0, logLevel: 'silent' });
  try {
    await eventually(async () => {
      const rows = await p.db.execute<{ n: number }>(sql`select count(*)::int as n from batch where id = any(${`{${batchIds.join(',')}}`}::uuid[]) and status = 'accepted'`);
      return rows.rows[0]!.n === 5;
    }, 15_000, 'reconciled scoring');
    const settled = await eventually(async () => {
      const [row] = await p.db.select().from(item).where(eq(item.projectId, project.id));
      return row?.status === 'settled' && row;
    }, 15_000, 'reconciled aggregation');
    expect(settled.finalLabel).toBe('no_match');
  } finally {
    await w.close();
  }
});

test('the sweeper expires abandoned leases and their slots reopen', async () => {
  const project = await projectWithMembers(engineer, LABELLERS, { batchSize: 1, goldRatio: 0, overlap: 1 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send([pair(7)]).expect(200);
  await selectItems(p.ctx, project.id);
  const first = await p.login(LABELLERS[0]!);
  const second = await p.login(LABELLERS[1]!);
  const leased = await first.post(`/api/v1/projects/${project.id}/batches`).expect(200);
  expect((await second.post(`/api/v1/projects/${project.id}/batches`).expect(200)).body.batch).toBeNull();
  await p.db.update(batch).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(batch.id, leased.body.batch.id));
  expect(await sweepExpiredLeases(p.ctx)).toEqual({ expired: 1 });
  expect(await sweepExpiredLeases(p.ctx)).toEqual({ expired: 0 });
  const [b] = await p.db.select().from(batch).where(eq(batch.id, leased.body.batch.id));
  expect(b!.status).toBe('expired');
  const again = await second.post(`/api/v1/projects/${project.id}/batches`).expect(200);
  expect(again.body.batch.assignments).toHaveLength(1);
  // The first labeller's answer to the expired lease is refused.
  const late = await first.put(`/api/v1/assignments/${leased.body.batch.assignments[0].id}/label`).send({ label: 'match' }).expect(409);
  expect(late.body.error.code).toBe('lease_expired');
});
