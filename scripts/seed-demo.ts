// Seeds the demo project for `npm start` (never for a production start: QUORUM_DEMO=0).
// Jobs run inline through the worker's own processor registry, so the history is played through
// exactly the code paths the running platform uses.
import { rngFromSeed } from '@quorum/core';
import { createDatabase } from '@quorum/db';
import type { Job, ServiceContext } from '@quorum/services';
import { processors } from '@quorum/worker';
import { seedDemo, type DemoClock } from './demo/seed';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = createDatabase(url, { max: 4 });
  let t = Date.now() - 3 * 3600 * 1000;
  const clock: DemoClock = { now: () => new Date(t), advance: (s) => void (t += Math.round(s * 1000)) };
  const pending: Job[] = [];
  const ctx: ServiceContext = {
    db: database.db,
    jobs: { enqueue: async (jobs) => void pending.push(...jobs) },
    events: { publish: () => {} },
    now: clock.now,
    random: rngFromSeed('quorum-demo-leases'),
    log: { info: () => {}, warn: (o, m) => console.warn('[seed]', m, o), error: (o, m) => console.error('[seed]', m, o) },
  };
  // Drain jobs after every service call, as the worker would a moment later.
  const realEnqueue = ctx.jobs.enqueue;
  ctx.jobs.enqueue = async (jobs) => {
    await realEnqueue(jobs);
    while (pending.length > 0) {
      const job = pending.shift()!;
      // A delayed job (a waiting batch's deadline) belongs to the running worker's future; the
      // reconciler hands waiting batches to it once the platform runs.
      if (job.opts?.delayMs) continue;
      await processors[job.name](ctx, job.payload);
    }
  };
  const outcome = await seedDemo(ctx, clock, (m) => console.log(`[seed] ${m}`));
  console.log(outcome === 'present' ? '[seed] demo data already present' : '[seed] demo data created');
  await database.close();
}

main().catch((err: unknown) => {
  console.error('[seed] failed:', err);
  process.exit(1);
});
