import { eq } from 'drizzle-orm';
import { selectionScore } from '@quorum/core';
import { item, sample } from '@quorum/db';
import { samplePairKeyOf } from '@quorum/services';
import { eventually, pair, projectWithMembers, startPlatform, type Platform } from '../../api/test/support/platform';
import { startWorker } from '../src/worker';

// The worker tops projects up on its schedule (select-due → select-items), one per-run cap at a
// time, and re-scores the pool when the engineer changes the selection strategy.
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'ws-eng@t.test', role: 'engineer' }]);
});
afterAll(async () => p.close());

test('the schedule fills the budget run by run; a strategy change re-scores the pool through the queue', async () => {
  const engineer = await p.login('ws-eng@t.test');
  const project = await projectWithMembers(engineer, [], { openItemBudget: 6, selectPerRun: 2 });
  const probs = (i: number) => ({ match: 0.5 + i * 0.04, no_match: 0.5 - i * 0.04 });
  // Straight into the pool, as ingest leaves samples; nothing enqueues selection but the schedule.
  await p.db.insert(sample).values(
    Array.from({ length: 10 }, (_, i) => {
      const r = pair(i + 1, probs(i));
      const predictions = i % 2 ? [{ match: 1, no_match: 0 }, { match: 0, no_match: 1 }] : null;
      return { projectId: project.id, externalId: r.externalId, textA: r.textA, textB: r.textB, modelProbs: r.modelProbs, predictions, modelConfidence: r.modelProbs.match, uncertainty: selectionScore('entropy', { probs: r.modelProbs }), pairKey: samplePairKeyOf(r.textA, r.textB, { symmetric: false }) };
    }),
  );
  const w = await startWorker({ databaseUrl: p.databaseUrl, url: p.redisUrl, prefix: p.queue.opts.prefix, sweepEveryMs: 60_000, reconcileEveryMs: 60_000, mergeEveryMs: 0, reaggregateEveryMs: 0, selectEveryMs: 300, logLevel: 'silent' });
  try {
    expect((await p.queue.getJobSchedulers()).map((s) => s.key)).toContain('select-due');
    const items = async () => p.db.select().from(item).where(eq(item.projectId, project.id));
    // Three runs of two: the per-run cap paces it, the budget stops it.
    await eventually(async () => (await items()).length === 6, 15_000, 'the scheduled top-ups');
    await new Promise((r) => setTimeout(r, 1000));
    const chosen = await items();
    expect(chosen).toHaveLength(6);
    expect(new Set(chosen.map((i) => i.selectionStrategy))).toEqual(new Set(['entropy']));

    // BALD: the samples with disagreeing passes (odd i) rank first now.
    await engineer.patch(`/api/v1/projects/${project.id}`).send({ selectionStrategy: 'bald' }).expect(200);
    await eventually(async () => {
      const pooled = await p.db.select().from(sample).where(eq(sample.projectId, project.id));
      return pooled.filter((s) => s.pooled).every((s) => Math.abs(s.uncertainty - selectionScore('bald', { probs: s.modelProbs, passes: s.predictions })) < 1e-6);
    }, 15_000, 'the re-scoring');
  } finally {
    await w.close();
  }
});
