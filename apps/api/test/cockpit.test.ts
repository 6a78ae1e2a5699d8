import { and, eq, sql } from 'drizzle-orm';
import { batch, item, review } from '@quorum/db';
import { aggregateItem, selectItems } from '@quorum/services';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, goldPair, projectWithItems, score, scoreAt } from './support/reliability';

// The cockpit's four panels and Bull Board, on a small project whose every figure is known:
// three items labelled by three careful labellers (one dissent on items 1 and 3), a clicker whose batch
// is rejected, two controls, an expert who settles what the crowd escalated; then two more items,
// one batch left open past its lease and one submitted and never scored. No worker runs.
jest.setTimeout(60_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
let expert: Agent;
let projectId: string;
const ids: Record<string, string> = {};
let openBatchId: string;
let waitingBatchId: string;
let escalatedItems = 0;

const GOLD: Record<string, string> = { [goldPair(1, '').textA]: 'match', [goldPair(2, '').textA]: 'no_match' };
const numberOf = (textA: string) => Number(/task number (\d+)/.exec(textA)?.[1]);
/** Items 1 and 3: match, except for the one labeller who dissents on it; item 2: no_match. */
const careful = (dissentOn: number | null) => (a: { textA: string }) => GOLD[a.textA] ?? (numberOf(a.textA) === 2 || numberOf(a.textA) === dissentOn ? 'no_match' : 'match');
/** Gets every control wrong and answers the rest without reading. */
const clicker = (a: { textA: string }, i: number) => (GOLD[a.textA] ? (GOLD[a.textA] === 'match' ? 'no_match' : 'match') : i % 2 ? 'match' : 'no_match');

beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([
    { email: 'ck-eng@t.test', role: 'engineer' },
    { email: 'ck-str@t.test', role: 'engineer' },
    { email: 'ck-exp@t.test', role: 'expert' },
    ...['a', 'b', 'c', 'd', 'e', 'z'].map((n) => ({ email: `ck-${n}@t.test`, role: 'labeller' as const, displayName: `Labeller ${n.toUpperCase()}` })),
  ]);
  for (const u of users) ids[u.email.split('@')[0]!] = u.id;
  const [eng, str, exp, a, b, c, d, e, z] = await logins(p, ['ck-eng@t.test', 'ck-str@t.test', 'ck-exp@t.test', 'ck-a@t.test', 'ck-b@t.test', 'ck-c@t.test', 'ck-d@t.test', 'ck-e@t.test', 'ck-z@t.test'] as const);
  [engineer, stranger, expert, labeller] = [eng, str, exp, a];
  const members = ['ck-exp@t.test', ...['a', 'b', 'c', 'd', 'e', 'z'].map((n) => `ck-${n}@t.test`)];
  const items = [pair(1, { match: 0.8, no_match: 0.2 }), pair(2, { match: 0.7, no_match: 0.3 }), pair(3, { match: 0.6, no_match: 0.4 })];
  projectId = await projectWithItems(p, engineer, members, { overlap: 3, batchSize: 4, goldRatio: 0.25 }, [goldPair(1, 'match'), goldPair(2, 'no_match'), ...items]);

  // The clicker goes first: rejected, so its slots reopen for the careful three.
  expect(await score(p, (await answerBatch(z, projectId, clicker)).id)).toBe('reject');
  for (const [agent, dissentOn] of [[a, null], [b, 1], [c, 3]] as const) {
    expect(await scoreAt(p, (await answerBatch(agent, projectId, careful(dissentOn))).id, 5)).toBe('accept');
  }
  for (const it of await p.db.select({ id: item.id }).from(item).where(and(eq(item.projectId, projectId), eq(item.status, 'labelling')))) await aggregateItem(p.ctx, it.id);
  // The expert settles whatever the crowd escalated, as match (the crowd's majority).
  const { body } = await expert.get(`${API}/projects/${projectId}/reviews`).expect(200);
  escalatedItems = body.reviews.length;
  // The two 2–1 splits (items 1 and 3) leave the crowd in doubt; the unanimous item 2 settles.
  expect(escalatedItems).toBe(2);
  for (const r of body.reviews as { id: string }[]) {
    await expert.post(`${API}/reviews/${r.id}/claim`).expect(200);
    await expert.post(`${API}/reviews/${r.id}/settle`).send({ decision: 'label', label: 'match' }).expect(200);
  }

  // Two more items: D's batch stays open past its lease, E's is submitted and waits unscored.
  await engineer.post(`${API}/projects/${projectId}/samples`).send([pair(4), pair(5)]).expect(200);
  await selectItems(p.ctx, projectId);
  openBatchId = (await d.post(`${API}/projects/${projectId}/batches`).expect(200)).body.batch.id;
  waitingBatchId = (await answerBatch(e, projectId, () => 'match')).id;
  await p.db.update(batch).set({ expiresAt: sql`now() - interval '5 minutes'` }).where(eq(batch.id, openBatchId));
  await p.db.update(batch).set({ submittedAt: sql`now() - interval '2 hours'` }).where(eq(batch.id, waitingBatchId));
});
afterAll(async () => p?.close());

const count = async (query: ReturnType<typeof sql>) => (await p.db.execute<{ n: number }>(query)).rows[0]!.n;

describe('GET /projects/:projectId/cockpit/pipeline', () => {
  test('counts every stage, the rates of the last hour and day, and the stuck work', async () => {
    const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/pipeline`).expect(200);
    const labels = await count(sql`select count(*)::int as n from label`);
    const waitingLabels = await count(sql`select count(*)::int as n from label where batch_id = ${waitingBatchId}`);
    expect(body.stages).toEqual({
      pooled: 0, skipped: 0, selected: 5, labelling: 2, waitingForScoring: 1, waitingLabels, aggregated: 3,
      escalated: 0, settled: 3, excluded: 0, merged: 0, gold: 2,
    });
    expect(body.batches).toEqual({ open: 1, submitted: 1, accepted: 3, rejected: 1, expired: 0 });
    expect(body.rates.ingested).toEqual({ lastHour: 7, lastDay: 7 / 24 });
    expect(body.rates.selected).toEqual({ lastHour: 5, lastDay: 5 / 24 });
    expect(body.rates.labels).toEqual({ lastHour: labels, lastDay: labels / 24 });
    expect(body.rates.settled.lastHour).toBe(3);
    expect(body.rates.escalated.lastHour).toBe(escalatedItems);
    expect(body.rates.merged).toEqual({ lastHour: 0, lastDay: 0 });
    expect(body.stuck.expiredLeases).toEqual({ batches: 1, oldest: expect.any(String) });
    expect(body.stuck.waitingTooLong).toEqual({ batches: 1, oldest: expect.any(String), maxWaitMinutes: 60 });
    expect(body.stuck.expiredClaims).toEqual({ reviews: 0, oldest: null });
    // No worker runs here: the jobs the requests queued wait, none failed.
    expect(body.stuck.failedJobs).toBe(0);
    expect(body.queue).toMatchObject({ failed: 0, active: 0 });
    expect(body.queue.waiting + body.queue.delayed).toBeGreaterThan(0);
  });

  test('a lease that has not run out yet is not stuck', async () => {
    await p.db.update(batch).set({ expiresAt: sql`now() + interval '5 minutes'` }).where(eq(batch.id, openBatchId));
    const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/pipeline`).expect(200);
    expect(body.stuck.expiredLeases).toEqual({ batches: 0, oldest: null });
    await p.db.update(batch).set({ expiresAt: sql`now() - interval '5 minutes'` }).where(eq(batch.id, openBatchId));
  });
});

describe('GET /projects/:projectId/cockpit/quality', () => {
  test("Krippendorff's alpha over accepted labels on items, controls and the rejected batch left out", async () => {
    const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/quality`).expect(200);
    // Units {m:2, n:1}, {n:3}, {m:2, n:1}: n = 9, n_m = 4, n_n = 5, o_mm = 2, o_nn = 3,
    // D_o = 4/9, D_e = (81 − 16 − 25)/72 = 5/9, α = 1 − (4/9)/(5/9) = 0.2.
    expect(body.alpha).toMatchObject({ alpha: expect.closeTo(0.2, 9), pairable: 9, units: 3 });
    expect(body.alpha.weeks).toEqual([{ week: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), alpha: expect.closeTo(0.2, 9), pairable: 9, units: 3 }]);
  });

  test('disagreement bins, escalation per day, gold accuracy and calibration', async () => {
    const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/quality?days=7`).expect(200);
    expect(body.days).toBe(7);
    expect(body.disagreement.bins).toHaveLength(10);
    expect(body.disagreement.items).toBe(3);
    expect(body.disagreement.bins.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(3);
    expect(body.escalation.days).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.escalation.days[6]).toEqual({ day: today, decided: 3, escalated: escalatedItems, rate: escalatedItems / 3 });
    expect(body.escalation).toMatchObject({ decided: 3, escalated: escalatedItems });
    // Four controls answered (one per batch), the clicker's wrong and rejected.
    expect(body.gold).toEqual({ answered: 4, correct: 3, accuracy: 0.75, acceptedAnswered: 3, acceptedCorrect: 3, acceptedAccuracy: 1 });
    // Item 2 settled no_match where the model said match (0.7): the model is wrong once in three.
    expect(body.calibration).toMatchObject({ settled: 3, wrong: 1, accuracy: expect.closeTo(2 / 3, 9) });
    const buckets = body.calibration.buckets as { low: number; settled: number; wrong: number; meanConfidence: number | null }[];
    expect(buckets.filter((b) => b.settled > 0).map((b) => [b.low, b.settled, b.wrong])).toEqual([[0.6, 1, 0], [0.7, 1, 1], [0.8, 1, 0]]);
    expect(buckets[7]!.meanConfidence).toBeCloseTo(0.7, 6);
    // |1 − 0.6|, |0 − 0.7|, |1 − 0.8| averaged.
    expect(body.calibration.ece).toBeCloseTo((0.4 + 0.7 + 0.2) / 3, 6);
  });

  test('400 for days out of range, naming the field', async () => {
    expectError(await engineer.get(`${API}/projects/${projectId}/cockpit/quality?days=0`), 400, 'bad_request', 'days');
    expectError(await engineer.get(`${API}/projects/${projectId}/cockpit/quality?days=x`), 400, 'bad_request', 'days');
  });
});

describe('GET /projects/:projectId/cockpit/labellers', () => {
  type Row = { email: string; batches: Record<string, number>; labelsLastHour: number; reliability: unknown; trend: number[]; lastActiveAt: string | null };
  const page = async (qs: string) => (await engineer.get(`${API}/projects/${projectId}/cockpit/labellers?${qs}`).expect(200)).body as { labellers: Row[]; total: number; page: number; pageSize: number };

  test('pages through every labeller member, sorted by name by default', async () => {
    const first = await page('pageSize=4');
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(first.labellers.map((l) => l.email)).toEqual(['ck-a@t.test', 'ck-b@t.test', 'ck-c@t.test', 'ck-d@t.test']);
    expect((await page('pageSize=4&page=2')).labellers.map((l) => l.email)).toEqual(['ck-e@t.test', 'ck-z@t.test']);
    const beyond = await page('pageSize=4&page=3');
    expect(beyond).toMatchObject({ labellers: [], total: 6 });
  });

  test('sorts in SQL by outcomes, throughput and reliability, with no estimate last', async () => {
    expect((await page('sort=rejected&order=desc&pageSize=1')).labellers[0]!.email).toBe('ck-z@t.test');
    expect((await page('sort=waiting&order=desc&pageSize=1')).labellers[0]!.email).toBe('ck-e@t.test');
    const byReliability = (await page('sort=reliability&order=desc')).labellers;
    expect(byReliability.slice(-2).map((l) => l.email).sort()).toEqual(['ck-d@t.test', 'ck-e@t.test']);
    expect(byReliability.slice(-2).every((l) => l.reliability === null)).toBe(true);
    const a = (await page('')).labellers.find((l) => l.email === 'ck-a@t.test')!;
    expect(a).toMatchObject({ batches: { open: 0, waiting: 0, accepted: 1, rejected: 0, expired: 0 }, labelsLastHour: 4, trend: [expect.any(Number)], lastActiveAt: expect.any(String) });
    const byThroughput = (await page('sort=throughput&order=asc')).labellers;
    expect(byThroughput[0]!.email).toBe('ck-d@t.test');
  });

  test('400 for an unknown sort key or a page too large', async () => {
    expectError(await engineer.get(`${API}/projects/${projectId}/cockpit/labellers?sort=email`), 400, 'bad_request', 'sort');
    expectError(await engineer.get(`${API}/projects/${projectId}/cockpit/labellers?pageSize=101`), 400, 'bad_request', 'pageSize');
  });
});

describe('GET /projects/:projectId/cockpit/cost', () => {
  test('labels per settled item, the rejected share and expert time', async () => {
    const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/cost`).expect(200);
    // 9 accepted answers on items, the clicker's 3 rejected, 4 controls; E's waiting batch not yet.
    expect(body).toMatchObject({ accepted: 9, rejected: 3, controls: 4, labels: 16, settledItems: 3, expertDecisions: escalatedItems, expertGapCapMinutes: 10 });
    expect(body.labelsPerSettledItem).toBeCloseTo(16 / 3, 9);
    expect(body.rejectedShare).toBeCloseTo(0.25, 9);
    // Two decisions a moment apart: one gap, well under a minute, stands for each decision.
    expect(body.expertMinutesPerDecision).toBeGreaterThan(0);
    expect(body.expertMinutesPerDecision).toBeLessThan(1);
    expect(body.expertMinutes).toBeCloseTo(body.expertMinutesPerDecision * 2, 9);
  });

  test('a gap longer than the claim lease is a break, not work', async () => {
    const [first] = await p.db.select().from(review).orderBy(review.settledAt).limit(1);
    await p.db.update(review).set({ settledAt: sql`settled_at - interval '30 minutes'` }).where(eq(review.id, first!.id));
    try {
      const { body } = await engineer.get(`${API}/projects/${projectId}/cockpit/cost`).expect(200);
      expect(body).toMatchObject({ expertDecisions: 2, expertMinutes: null, expertMinutesPerDecision: null });
    } finally {
      await p.db.update(review).set({ settledAt: first!.settledAt }).where(eq(review.id, first!.id));
    }
  });
});

describe('who may read the cockpit', () => {
  test.each(['pipeline', 'quality', 'labellers', 'cost'])('%s: 401 without a login, 403 for labellers and experts, 404 for strangers and unknown projects, 400 for a bad id', async (panel) => {
    const url = (id: string) => `${API}/projects/${id}/cockpit/${panel}`;
    expectError(await p.anonymous().get(url(projectId)), 401, 'unauthenticated');
    expectError(await labeller.get(url(projectId)), 403, 'forbidden');
    expectError(await expert.get(url(projectId)), 403, 'forbidden');
    expectError(await stranger.get(url(projectId)), 404, 'not_found');
    expectError(await engineer.get(url(NOWHERE)), 404, 'not_found');
    expectError(await engineer.get(url('not-a-uuid')), 400, 'bad_request', 'projectId');
  });
});

describe('Bull Board at /api/v1/admin/queues', () => {
  test('401 without a login and 403 for labellers and experts, before Bull Board answers', async () => {
    expectError(await p.anonymous().get(`${API}/admin/queues`), 401, 'unauthenticated');
    expectError(await p.anonymous().get(`${API}/admin/queues/api/queues`), 401, 'unauthenticated');
    expectError(await labeller.get(`${API}/admin/queues`), 403, 'forbidden');
    expectError(await expert.get(`${API}/admin/queues/api/queues`), 403, 'forbidden');
  });

  test('an engineer sees the board and the work queue through its API', async () => {
    const page = await engineer.get(`${API}/admin/queues`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Quorum queues');
    const { body } = await engineer.get(`${API}/admin/queues/api/queues`).expect(200);
    expect(body.queues.map((q: { name: string }) => q.name)).toEqual(['quorum']);
  });

  test('an API token does not open it: it is a page for people', async () => {
    const { body } = await engineer.post(`${API}/tokens`).send({ name: 'ck' }).expect(201);
    expectError(await p.anonymous().get(`${API}/admin/queues`).set('authorization', `Bearer ${body.secret}`), 403, 'forbidden');
  });
});
