import { eq } from 'drizzle-orm';
import { user } from '@quorum/db';
import { reaggregateProject } from '@quorum/services';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, goldPair, projectWithItems, score, scoreAt } from './support/reliability';

// GET /projects/:id/labellers and POST /projects/:id/labellers/:userId/unpause, and the pause rule:
// a labeller with 2 of their last 3 decided batches rejected gets no new batch until an engineer
// lifts the pause. No worker: batches are scored by calling the service.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent; // an engineer of another project
let expert: Agent;
let mixed: Agent; // accepted, then rejected twice
let spammer: Agent; // rejected from the start
const ids: Record<string, string> = {};
let projectId: string;

type Summary = { id: string; email: string; model?: { labels: string[]; confusion: number[][]; accuracy: number; labelsFitted: number; fittedAt: string } | null; reliability: { accuracy: number; low: number; high: number; evidenceCount: number } | null; spamPrior: number | null; trend: number[]; batches: Record<string, number>; pausedAt: string | null; pauseReason: string | null; openAppeals: number };

beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([
    { email: 'lb-mixed@t.test', role: 'labeller' },
    { email: 'lb-spam@t.test', role: 'labeller' },
    { email: 'lb-idle@t.test', role: 'labeller' },
    { email: 'lb-out@t.test', role: 'labeller' },
    { email: 'lb-eng@t.test', role: 'engineer' },
    { email: 'lb-str@t.test', role: 'engineer' },
    { email: 'lb-exp@t.test', role: 'expert' },
  ]);
  for (const u of users) ids[u.email.split('@')[0]!] = u.id;
  [engineer, stranger, expert, mixed, spammer] = await logins(p, ['lb-eng@t.test', 'lb-str@t.test', 'lb-exp@t.test', 'lb-mixed@t.test', 'lb-spam@t.test'] as const);
  await projectWithMembers(stranger, ['lb-spam@t.test']);
  // Batches of 4 with one control; a pair takes about 4 s to read.
  const gold = [goldPair(1, 'match'), goldPair(2, 'no_match'), goldPair(3, 'match'), goldPair(4, 'no_match'), goldPair(5, 'match')];
  projectId = await projectWithItems(p, engineer, ['lb-mixed@t.test', 'lb-spam@t.test', 'lb-idle@t.test', 'lb-exp@t.test'], { overlap: 2, batchSize: 4, goldRatio: 0.25 }, [...gold, ...Array.from({ length: 16 }, (_, i) => pair(i + 1))]);
});
afterAll(async () => p.close());

const GOLD: Record<string, string> = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [goldPair(n, '').textA, n % 2 ? 'match' : 'no_match']));
const careful = (a: { textA: string }, i: number) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match');
const clicker = (_a: unknown, i: number) => (i % 3 ? 'match' : 'no_match');
const labellers = async () => (await engineer.get(`${API}/projects/${projectId}/labellers`).expect(200)).body.labellers as Summary[];
const summaryOf = async (name: string) => (await labellers()).find((l) => l.id === ids[name])!;
const unpauseUrl = (userId: string, project = projectId) => `${API}/projects/${project}/labellers/${userId}/unpause`;

describe('GET /projects/:projectId/labellers', () => {
  test('every labeller member, with no history yet', async () => {
    const list = await labellers();
    expect(list.map((l) => l.email)).toEqual(['lb-idle@t.test', 'lb-mixed@t.test', 'lb-spam@t.test']);
    expect(list[0]).toEqual({ id: ids['lb-idle'], displayName: 'lb-idle', email: 'lb-idle@t.test', reliability: null, spamPrior: null, trend: [], batches: { open: 0, waiting: 0, accepted: 0, rejected: 0, expired: 0 }, pausedAt: null, pauseReason: null, openAppeals: 0, model: null });
  });

  test('reliability, a trend that grows by one per decided batch, and batch counts', async () => {
    const first = await answerBatch(mixed, projectId, careful);
    expect(await scoreAt(p, first.id, 5)).toBe('accept');
    let s = await summaryOf('lb-mixed');
    expect(s).toMatchObject({ trend: [expect.any(Number)], batches: { open: 0, waiting: 0, accepted: 1, rejected: 0, expired: 0 }, pausedAt: null });
    expect(s.reliability!.evidenceCount).toBeGreaterThanOrEqual(1);
    expect(s.reliability!.low).toBeLessThanOrEqual(s.reliability!.accuracy);
    expect(s.reliability!.accuracy).toBeLessThanOrEqual(s.reliability!.high);
    expect(s.trend[0]).toBeCloseTo(s.reliability!.accuracy, 6);
    expect(s.spamPrior).toBeLessThan(0.1);

    await mixed.post(`${API}/projects/${projectId}/batches`).expect(200);
    expect((await summaryOf('lb-mixed')).batches).toMatchObject({ open: 1 });
    // That open batch, answered without reading: one rejection never pauses anyone.
    const second = await answerBatch(mixed, projectId, clicker);
    expect(await score(p, second.id)).toBe('reject');
    s = await summaryOf('lb-mixed');
    expect(s).toMatchObject({ batches: { open: 0, waiting: 0, accepted: 1, rejected: 1, expired: 0 }, pausedAt: null, pauseReason: null });
    expect(s.trend).toHaveLength(2);
    expect(s.spamPrior).toBeGreaterThan(0.5);
    expect(s.reliability!.low).toBeLessThanOrEqual(s.reliability!.accuracy);
    expect(s.reliability!.accuracy).toBeLessThanOrEqual(s.reliability!.high);
  });

  test("the aggregation model's confusion matrix, once a fit has seen the labeller's labels", async () => {
    expect((await summaryOf('lb-idle')).model).toBeNull();
    await reaggregateProject(p.ctx, projectId, { force: true });
    const s = await summaryOf('lb-mixed');
    // One accepted batch of 4 answers (controls included): the rejected batch never counts.
    expect(s.model).toMatchObject({ labels: ['match', 'no_match'], labelsFitted: 4 });
    for (const row of s.model!.confusion) {
      expect(row).toHaveLength(2);
      expect(row[0]! + row[1]!).toBeCloseTo(1, 9);
    }
    expect(s.model!.accuracy).toBeGreaterThan(0);
    expect(s.model!.accuracy).toBeLessThan(1);
    expect((await summaryOf('lb-idle')).model).toBeNull();
  });

  test('400 projectId; 404 for another engineer or project; 403 for labellers and experts; 401', async () => {
    const url = `${API}/projects/${projectId}/labellers`;
    expectError(await engineer.get(`${API}/projects/p-1/labellers`), 400, 'bad_request', 'projectId');
    expectError(await stranger.get(url), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${NOWHERE}/labellers`), 404, 'not_found');
    expectError(await mixed.get(url), 403, 'forbidden');
    expectError(await expert.get(url), 403, 'forbidden');
    expectError(await p.anonymous().get(url), 401, 'unauthenticated');
  });
});

describe('the pause rule', () => {
  test('2 of the last 3 decided batches rejected: paused, with the reason, and refused new batches', async () => {
    const third = await answerBatch(mixed, projectId, clicker);
    expect(await score(p, third.id)).toBe('reject');
    const s = await summaryOf('lb-mixed');
    expect(s).toMatchObject({ pausedAt: expect.any(String), pauseReason: '2 of your last 3 batches were rejected', batches: { accepted: 1, rejected: 2 } });
    expect(s.trend).toHaveLength(3);
    const res = await mixed.post(`${API}/projects/${projectId}/batches`);
    expectError(res, 403, 'paused');
    expect(res.body.error.message).toContain('2 of your last 3 batches were rejected');
    expect((await summaryOf('lb-mixed')).batches.open).toBe(0);
  });

  test('two rejections in a row pause a new labeller', async () => {
    for (let n = 0; n < 2; n++) expect(await score(p, (await answerBatch(spammer, projectId, clicker)).id)).toBe('reject');
    expect(await summaryOf('lb-spam')).toMatchObject({ pausedAt: expect.any(String), pauseReason: '2 of your last 2 batches were rejected', batches: { rejected: 2 } });
    expectError(await spammer.post(`${API}/projects/${projectId}/batches`), 403, 'paused');
  });
});

describe('POST /projects/:projectId/labellers/:userId/unpause', () => {
  test('lifts the pause: the labeller gets work again, and only rejections after the lift count', async () => {
    const res = await engineer.post(unpauseUrl(ids['lb-spam']!)).send({ note: 'talked to them' }).expect(200);
    expect(res.body.labeller).toMatchObject({ id: ids['lb-spam'], pausedAt: null, pauseReason: null, batches: { rejected: 2 } });
    expect((await p.db.select().from(user).where(eq(user.id, ids['lb-spam']!)))[0]!.pauseLiftedAt).toBeInstanceOf(Date);
    expectError(await engineer.post(unpauseUrl(ids['lb-spam']!)), 409, 'conflict');
    // The next batch is leased; rejected again, but one rejection since the lift does not pause.
    const next = await answerBatch(spammer, projectId, clicker);
    expect(await score(p, next.id)).toBe('reject');
    expect((await summaryOf('lb-spam')).pausedAt).toBeNull();
    await spammer.post(`${API}/projects/${projectId}/batches`).expect(200);
  });

  test('409 for a labeller who is not paused', async () => {
    expectError(await engineer.post(unpauseUrl(ids['lb-idle']!)), 409, 'conflict');
  });

  test('404 for another project’s engineer, a non-member or no user; 403 for labellers and experts; 401; 400 naming the field', async () => {
    const url = unpauseUrl(ids['lb-mixed']!);
    expectError(await stranger.post(url), 404, 'not_found');
    // lb-out is in no project of the engineer; lb-spam is in the stranger's project, not asked for here.
    expectError(await engineer.post(unpauseUrl(ids['lb-out']!)), 404, 'not_found');
    expectError(await engineer.post(unpauseUrl(NOWHERE)), 404, 'not_found');
    expectError(await engineer.post(unpauseUrl(ids['lb-mixed']!, NOWHERE)), 404, 'not_found');
    expectError(await mixed.post(url), 403, 'forbidden');
    expectError(await expert.post(url), 403, 'forbidden');
    expectError(await p.anonymous().post(url), 401, 'unauthenticated');
    expectError(await engineer.post(unpauseUrl('u-1')), 400, 'bad_request', 'userId');
    expectError(await engineer.post(url).send({ note: 'x'.repeat(2001) }), 400, 'bad_request', 'note');
    // Still paused after all that.
    expect((await summaryOf('lb-mixed')).pausedAt).not.toBeNull();
  });
});
