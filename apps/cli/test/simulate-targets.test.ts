import { startPlatform, PASSWORD, type Platform } from '../../api/test/support/platform';
import { simulate } from '../src/simulate/run';
import type { SimSummary } from '../src/simulate/summary';

// Issue 3's crowd targets on one seeded run through the real API and worker (the full-size figures
// come from `npm run bench -- crowd`, on other seeds): the same items labelled by a spammer-free
// crowd and by one with 30 % spammers of every kind. 200 items: one wrong settled item moves the
// accuracy by about half a point, so the bound here leaves one item of slack over the 1-point target.
let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ worker: true });
  await p.users([{ email: 'targets@t.test', role: 'engineer' }]);
});
afterAll(async () => p.close());

const run = (mix: string, name: string): Promise<SimSummary> =>
  simulate({ url: p.baseUrl, email: 'targets@t.test', password: PASSWORD, seed: 21, items: 200, labellers: 20, mix, goldRatio: 0.1, batchSize: 10, overlap: 5, timeScale: 0.05, maxMinutes: 4, projectName: name }, () => {});

const rejectedShare = (s: SimSummary, type: keyof SimSummary['types']) => {
  const b = s.types[type]!.batches;
  return b.rejected / (b.accepted + b.rejected + b.waiting);
};

test('30 % spammers: fast and constant clickers rejected, honest labellers spared, settled accuracy within a point of a clean crowd', async () => {
  const clean = await run('honest=1', 'targets-clean');
  const spammy = await run('honest=0.7,random-fast=0.1,constant=0.1,random-human=0.1', 'targets-spammy');
  for (const s of [clean, spammy]) expect({ stopped: s.stopped, errors: s.errors }).toEqual({ stopped: 'done', errors: [] });

  expect(rejectedShare(spammy, 'random-fast')).toBeGreaterThanOrEqual(0.99);
  expect(rejectedShare(spammy, 'constant')).toBeGreaterThanOrEqual(0.99);
  expect(rejectedShare(clean, 'honest')).toBeLessThanOrEqual(0.02);
  expect(rejectedShare(spammy, 'honest')).toBeLessThanOrEqual(0.02);
  expect(spammy.types['random-fast']!.paused).toBe(spammy.types['random-fast']!.labellers);

  // A sanity floor, not the target: with Dawid–Skene and escalation below a 0.9 posterior, fewer
  // items go to experts and a 200-item run settles 96–99 % right (the target is the gap below).
  expect(clean.accuracy.settled).toBeGreaterThanOrEqual(0.95);
  expect(spammy.accuracy.settled!).toBeGreaterThanOrEqual(clean.accuracy.settled! - 0.015);
}, 600_000);
