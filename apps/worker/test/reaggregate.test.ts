import { eq } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import { aggregationModel, item } from '@quorum/db';
import { selectItems } from '@quorum/services';
import { eventually, pair, projectWithMembers, startPlatform, type Platform } from '../../api/test/support/platform';
import { startWorker } from '../src/worker';

// The worker refits a project's aggregation model when asked (reaggregate-project) and on its
// schedule (reaggregate-stale), through the real queue.
let p: Platform;
const LABELLERS = [1, 2, 3].map((n) => `wr${n}@t.test`);

beforeAll(async () => {
  p = await startPlatform();
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'wre@t.test', role: 'engineer' }]);
});
afterAll(async () => p.close());

test('reaggregate-project fits the model; the schedule is registered and enqueues stale projects', async () => {
  const engineer = await p.login('wre@t.test');
  const project = await projectWithMembers(engineer, LABELLERS, { overlap: 3, batchSize: 2, goldRatio: 0, readingTimeScale: 0.0001 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send([pair(1), pair(2)]).expect(200);
  await selectItems(p.ctx, project.id);
  for (const email of LABELLERS) {
    const agent = await p.login(email);
    const { body } = await agent.post(`/api/v1/projects/${project.id}/batches`).expect(200);
    for (const a of body.batch.assignments) await agent.put(`/api/v1/assignments/${a.id}/label`).send({ label: 'match' }).expect(200);
    await agent.post(`/api/v1/batches/${body.batch.id}/submit`).expect(200);
  }
  const w = await startWorker({ databaseUrl: p.databaseUrl, url: p.redisUrl, prefix: p.queue.opts.prefix, sweepEveryMs: 60_000, reconcileEveryMs: 60_000, mergeEveryMs: 0, reaggregateEveryMs: 500, logLevel: 'silent' });
  try {
    expect((await p.queue.getJobSchedulers()).map((s) => s.key)).toContain('reaggregate-stale');
    // Scored and aggregated by the worker; six labels are far below the threshold, so the refit
    // comes from the schedule.
    await eventually(async () => (await p.db.select().from(item).where(eq(item.projectId, project.id))).every((i) => i.status === 'settled'), 15_000, 'aggregation');
    const [model] = await eventually(async () => {
      const rows = await p.db.select().from(aggregationModel).where(eq(aggregationModel.projectId, project.id));
      return rows.length > 0 && rows;
    }, 15_000, 'the scheduled refit');
    expect(model).toMatchObject({ method: 'dawid-skene', labelsFitted: 6, labels: ['match', 'no_match'] });
    // Asked for directly (as the label threshold does, deduplicated by project): nothing is due.
    await p.ctx.jobs.enqueue([{ name: 'reaggregate-project', payload: { projectId: project.id }, opts: { dedupeId: jobIds.reaggregateProject(project.id) } }]);
    const done = await eventually(async () => {
      const jobs = await p.queue.getJobs(['completed']);
      // The schedule's own refit completed too; this one found the model up to date.
      return jobs.find((j) => j.name === 'reaggregate-project' && j.data.projectId === project.id && j.returnvalue?.skipped);
    }, 15_000, 'the requested refit');
    expect(done.returnvalue).toEqual({ projectId: project.id, skipped: 'fewer new labels than the threshold since the last fit' });
  } finally {
    await w.close();
  }
});
