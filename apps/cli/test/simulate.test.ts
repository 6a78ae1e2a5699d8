import { startPlatform, PASSWORD, type Platform } from '../../api/test/support/platform';
import { run } from '../src/program';
import type { SimSummary } from '../src/simulate/summary';

// `quorum simulate` end to end: a small seeded crowd against the real API and worker. This
// checks the summary is complete and agrees with the server; the detection targets of issue 3
// are asserted by the scoring tests, not here (the scoring model changes independently).
let p: Platform;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  p = await startPlatform({ worker: true });
  await p.users([{ email: 'sim-eng@t.test', role: 'engineer' }]);
});
afterAll(async () => {
  await p.close();
});

/** Runs the command with stdout and stderr captured only meanwhile (jest reports on stderr). */
async function simulate(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return await run(['node', 'quorum', 'simulate', '--url', p.baseUrl, '--email', 'sim-eng@t.test', '--password', PASSWORD, ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

test('a seeded crowd runs through the pipeline and the summary agrees with the server', async () => {
  const code = await simulate('--seed', '3', '--items', '40', '--labellers', '12', '--mix', 'honest=0.75,random-fast=0.25', '--time-scale', '0.002', '--max-minutes', '1.5');
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  const summary = JSON.parse(stdout.trim().split('\n').pop()!) as SimSummary;

  expect(summary.seed).toBe(3);
  expect(Object.keys(summary.types)).toEqual(['honest', 'random-fast']);
  expect(summary.types.honest!.labellers).toBe(9);
  expect(summary.types['random-fast']!.labellers).toBe(3);
  expect(summary.errors).toEqual([]);
  expect(summary.stopped).toBe('done');
  for (const t of Object.values(summary.types)) {
    expect(t.paused).toBeLessThanOrEqual(t.labellers);
    expect(t.median_batches_to_pause === null).toBe(t.paused === 0);
  }

  // Every batch the crowd submitted is counted once, with the status the server holds.
  const engineer = await p.login('sim-eng@t.test');
  const { counts } = (await engineer.get(`/api/v1/projects/${summary.project}/stats`).expect(200)).body;
  const sum = (k: 'accepted' | 'rejected' | 'waiting') => Object.values(summary.types).reduce((n, t) => n + t.batches[k], 0);
  expect({ accepted: sum('accepted'), rejected: sum('rejected'), waiting: sum('waiting') }).toEqual({
    accepted: counts.batches.accepted,
    rejected: counts.batches.rejected,
    waiting: counts.batches.submitted,
  });
  expect(summary.items).toMatchObject({ ingested: 40, gold: 4, settled: counts.settled, escalated: counts.escalated });
  const paused = (await engineer.get(`/api/v1/projects/${summary.project}/labellers`).expect(200)).body.labellers.filter((l: { pausedAt: string | null }) => l.pausedAt).length;
  expect(summary.types.honest!.paused + summary.types['random-fast']!.paused).toBe(paused);

  // The crowd is easy (three in four honest), so the settled labels are mostly right; every
  // settled item carries `overlap` accepted labels, so there are at least 5 per settled item.
  expect(counts.settled).toBeGreaterThan(0);
  expect(summary.accuracy.settled).toBeGreaterThanOrEqual(0.8);
  expect(summary.accuracy.settled).toBeLessThanOrEqual(1);
  expect(summary.accuracy.all_labels_counted).toBeGreaterThanOrEqual(0);
  expect(summary.accuracy.all_labels_counted).toBeLessThanOrEqual(1);
  expect(summary.labels_per_settled_item).toBeGreaterThanOrEqual(5);
}, 60_000);

test('bad options are refused before anything is created', async () => {
  expect(await simulate('--mix', 'honest=0.5,lazy=0.5')).toBe(1);
  expect(stderr).toMatch(/unknown type 'lazy'/);
  expect(await simulate('--items', '0')).toBe(1);
  expect(stderr).toMatch(/--items must be a whole number from 1/);
});
