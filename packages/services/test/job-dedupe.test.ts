import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { testRedisUrl } from '@quorum/db/src/testing';
import { bullJobQueue, bullQueue, redisConnection } from '../src/infra';

// The real queue on the test Redis: a job deduplicated while it waits, kept when asked for again
// while it runs (its twin re-runs afterwards with the latest data), never run twice at once.
test('dedupe: waiting twins collapse; a twin added while the job runs runs after it', async () => {
  const url = testRedisUrl();
  const prefix = `test-${randomUUID()}`;
  const redis = redisConnection(url);
  const queue = bullQueue({ url, prefix }, redis);
  const jobs = bullJobQueue(queue);
  const seen: string[] = [];
  let running = 0;
  let maxRunning = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const firstStarted = new Promise<void>((r) => (started = r));
  const worker = new Worker(
    queue.name,
    async (job: Job) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      seen.push(job.data.batchId as string);
      if (seen.length === 1) {
        started();
        await gate;
      }
      running--;
    },
    { connection: redisConnection(url), prefix, concurrency: 4 },
  );
  try {
    await jobs.enqueue([{ name: 'score-batch', payload: { batchId: 'first' }, opts: { dedupeId: 'score-batch:x' } }]);
    await firstStarted;
    // While 'first' runs: two more asks; only the last is kept.
    await jobs.enqueue([{ name: 'score-batch', payload: { batchId: 'second' }, opts: { dedupeId: 'score-batch:x' } }]);
    await jobs.enqueue([{ name: 'score-batch', payload: { batchId: 'third' }, opts: { dedupeId: 'score-batch:x' } }]);
    release();
    const deadline = Date.now() + 10_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual(['first', 'third']);
    expect(maxRunning).toBe(1);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await redis.quit();
  }
});
