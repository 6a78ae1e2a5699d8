import { eq } from 'drizzle-orm';
import { item, review, user } from '@quorum/db';
import { selectItems } from '@quorum/services';
import { API, expectError, labelAndSubmit, logins, NOWHERE, scoreAndAggregate } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// GET /projects/:id/reviews, GET /reviews/:id, POST /reviews/:id/{claim,release,settle}.
// Escalated items are made through the API plus the worker's services (no worker in this file).
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let labeller: Agent;
let x1: Agent;
let x2: Agent;
let outsider: Agent; // an expert who is not a member of the project
let projectId: string;
let r1: string; // ext-1, escalated
let r2: string; // ext-2, escalated

beforeAll(async () => {
  p = await startPlatform();
  await p.users([
    { email: 'rv-eng@t.test', role: 'engineer' },
    { email: 'rv-l1@t.test', role: 'labeller' },
    { email: 'rv-l2@t.test', role: 'labeller' },
    { email: 'rv-x1@t.test', role: 'expert' },
    { email: 'rv-x2@t.test', role: 'expert' },
    { email: 'rv-out@t.test', role: 'expert' },
  ]);
  [engineer, labeller, x1, x2, outsider] = await logins(p, ['rv-eng@t.test', 'rv-l1@t.test', 'rv-x1@t.test', 'rv-x2@t.test', 'rv-out@t.test'] as const);
  const l2 = await p.login('rv-l2@t.test');
  projectId = (await projectWithMembers(engineer, ['rv-l1@t.test', 'rv-l2@t.test', 'rv-x1@t.test', 'rv-x2@t.test'], { overlap: 2, batchSize: 3, goldRatio: 0, readingTimeScale: 0.0001 })).id;
  await engineer.post(`${API}/projects/${projectId}/samples`).send([pair(1, { match: 0.6, no_match: 0.4 }, { modelVersion: 'm-3' }), pair(2), pair(3)]).expect(200);
  await selectItems(p.ctx, projectId);
  // Two labellers split 1–1 on ext-1 and ext-2 (escalated) and agree on ext-3 (settled by the crowd).
  const b1 = await labelAndSubmit(labeller, projectId, () => 'match');
  const b2 = await labelAndSubmit(l2, projectId, (a) => (a.textA === pair(3).textA ? 'match' : 'no_match'));
  await scoreAndAggregate(p, projectId, [b1.id, b2.id]);
  expect(await p.db.select({ id: review.id }).from(review)).toHaveLength(2);
  const queue = (await x1.get(`${API}/projects/${projectId}/reviews`).expect(200)).body.reviews as { id: string; textA: string }[];
  r1 = queue.find((r) => r.textA === pair(1).textA)!.id;
  r2 = queue.find((r) => r.textA === pair(2).textA)!.id;
});
afterAll(async () => p.close());

const url = (id: string, action?: string) => `${API}/reviews/${id}${action ? `/${action}` : ''}`;
const queueOf = async (agent: Agent, status?: string) => (await agent.get(`${API}/projects/${projectId}/reviews${status ? `?status=${status}` : ''}`).expect(200)).body.reviews as { id: string; status: string; claimedByMe: boolean }[];

describe('GET /projects/:projectId/reviews', () => {
  test('the queue holds the escalated items, not the settled one', async () => {
    const res = await x1.get(`${API}/projects/${projectId}/reviews`).expect(200);
    expect(res.body.reviews).toHaveLength(2);
    for (const r of res.body.reviews) {
      expect(r).toEqual({
        id: expect.any(String),
        projectId,
        status: 'queued',
        createdAt: expect.any(String),
        textA: expect.any(String),
        textB: expect.any(String),
        agreement: 0.5,
        disagreement: expect.any(Number),
        claimedByMe: false,
        claimExpiresAt: null,
        priority: expect.objectContaining({ score: expect.any(Number), entropy: 1, modelErrorRate: expect.any(Number), bucket: expect.any(Object) }),
        crowdLabel: null,
        voteCounts: { match: 1, no_match: 1 },
        modelLabel: 'match',
      });
      expect(r.disagreement).toBeGreaterThan(0);
    }
    expect(res.body.reviews.map((r: { textA: string }) => r.textA).sort()).toEqual([pair(1).textA, pair(2).textA]);
    expect(await queueOf(x1, 'settled')).toEqual([]);
    expect(res.body.total).toBe(2);
  });

  test('filters: crowd label, model label, minimum disagreement, text search', async () => {
    const ids = async (q: string) => ((await x1.get(`${API}/projects/${projectId}/reviews?${q}`).expect(200)).body.reviews as { textA: string }[]).map((r) => r.textA).sort();
    expect(await ids('minDisagreement=0.99')).toHaveLength(2);
    expect(await ids('crowdLabel=match')).toEqual([]);
    expect(await ids('modelLabel=match')).toHaveLength(2);
    expect(await ids('q=TASK%20number%201')).toEqual([pair(1).textA]);
    expect(await ids('limit=1')).toHaveLength(1);
  });

  test.each([
    ['minDisagreement=lots', 'minDisagreement'],
    ['minDisagreement=2', 'minDisagreement'],
    ['limit=0', 'limit'],
    ['crowdLabel=maybe', 'crowdLabel'],
    ['modelLabel=maybe', 'modelLabel'],
    ['q=' + 'x'.repeat(201), 'q'],
  ])('?%s → 400 naming %s', async (q, field) => {
    expectError(await x1.get(`${API}/projects/${projectId}/reviews?${q}`), 400, 'bad_request', field);
  });

  test('a bad status → 400 status; bad UUID → 400 projectId', async () => {
    expectError(await x1.get(`${API}/projects/${projectId}/reviews?status=done`), 400, 'bad_request', 'status');
    expectError(await x1.get(`${API}/projects/nope/reviews`), 400, 'bad_request', 'projectId');
  });

  test('an expert outside the project → 404; engineer or labeller → 403; anonymous → 401', async () => {
    expectError(await outsider.get(`${API}/projects/${projectId}/reviews`), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${projectId}/reviews`), 403, 'forbidden');
    expectError(await labeller.get(`${API}/projects/${projectId}/reviews`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/projects/${projectId}/reviews`), 401, 'unauthenticated');
  });
});

describe('GET /reviews/:reviewId', () => {
  test('shows votes under pseudonyms, the model prediction and the posterior', async () => {
    const res = await x1.get(url(r1)).expect(200);
    expect(res.body.review).toMatchObject({ id: r1, projectId, status: 'queued', textA: pair(1).textA, textB: pair(1).textB, labels: ['match', 'no_match'], model: { label: 'match', probs: { match: 0.6, no_match: 0.4 }, version: 'm-3' }, posterior: { match: 0.5, no_match: 0.5 }, label: null, note: null, settledAt: null });
    expect(res.body.review.votes.map((v: { label: string }) => v.label).sort()).toEqual(['match', 'no_match']);
    for (const v of res.body.review.votes) expect(v).toEqual({ voter: expect.stringMatching(/^Labeller [0-9A-F]{6}$/), label: expect.any(String), reliability: expect.objectContaining({ accuracy: expect.any(Number) }) });
    expect(JSON.stringify(res.body)).not.toMatch(/rv-l[12]/);
  });

  test('outside the project or unknown → 404; engineer → 403; anonymous → 401; bad UUID → 400', async () => {
    expectError(await outsider.get(url(r1)), 404, 'not_found');
    expectError(await x1.get(url(NOWHERE)), 404, 'not_found');
    expectError(await engineer.get(url(r1)), 403, 'forbidden');
    expectError(await p.anonymous().get(url(r1)), 401, 'unauthenticated');
    expectError(await x1.get(url('r1')), 400, 'bad_request', 'reviewId');
  });
});

describe('claim and release', () => {
  test('a claim is held by one expert; a second expert gets 409', async () => {
    const res = await x1.post(url(r1, 'claim')).expect(200);
    expect(res.body.review).toMatchObject({ id: r1, status: 'claimed', claimedByMe: true });
    const held = Date.parse(res.body.review.claimExpiresAt) - Date.now();
    expect(held).toBeGreaterThan(9 * 60_000);
    expect(held).toBeLessThanOrEqual(10 * 60_000);
    expectError(await x2.post(url(r1, 'claim')), 409, 'conflict');
    expect((await x2.get(url(r1)).expect(200)).body.review).toMatchObject({ status: 'claimed', claimedByMe: false, claimExpiresAt: null });
    // Only the holder sees it in their open queue; the other expert's queue no longer offers it.
    expect((await queueOf(x1)).find((r) => r.id === r1)).toMatchObject({ status: 'claimed', claimedByMe: true });
    expect((await queueOf(x2)).map((r) => r.id)).toEqual([r2]);
    expect((await queueOf(x1, 'claimed')).map((r) => r.id)).toEqual([r1]);
    // Claiming again renews the holder's claim.
    await x1.post(url(r1, 'claim')).expect(200);
  });

  test('release gives the claim back; only the holder may release', async () => {
    expectError(await x2.post(url(r1, 'release')), 409, 'conflict');
    const res = await x1.post(url(r1, 'release')).expect(200);
    expect(res.body.review).toMatchObject({ id: r1, status: 'queued', claimedByMe: false, claimExpiresAt: null });
    expect((await p.db.select().from(review).where(eq(review.id, r1)))[0]).toMatchObject({ status: 'queued', claimedBy: null, claimExpiresAt: null });
    expectError(await x1.post(url(r1, 'release')), 409, 'conflict');
    expect((await x2.post(url(r1, 'claim')).expect(200)).body.review.claimedByMe).toBe(true);
  });

  test('an abandoned claim can be taken by another expert once it runs out', async () => {
    await p.db.update(review).set({ claimExpiresAt: new Date(Date.now() - 1000) }).where(eq(review.id, r1));
    expect((await queueOf(x1, 'queued')).map((r) => r.id)).toContain(r1);
    expect((await x1.post(url(r1, 'claim')).expect(200)).body.review.claimedByMe).toBe(true);
    expectError(await x2.post(url(r1, 'release')), 409, 'conflict');
    await x1.post(url(r1, 'release')).expect(200);
  });

  test.each(['claim', 'release'])('%s: outside the project → 404; engineer → 403; anonymous → 401; bad UUID → 400', async (action) => {
    expectError(await outsider.post(url(r2, action)), 404, 'not_found');
    expectError(await x1.post(url(NOWHERE, action)), 404, 'not_found');
    expectError(await engineer.post(url(r2, action)), 403, 'forbidden');
    expectError(await labeller.post(url(r2, action)), 403, 'forbidden');
    expectError(await p.anonymous().post(url(r2, action)), 401, 'unauthenticated');
    expectError(await x1.post(url('123', action)), 400, 'bad_request', 'reviewId');
    expect((await p.db.select().from(review).where(eq(review.id, r2)))[0]!.status).toBe('queued');
  });
});

describe('POST /reviews/:reviewId/settle', () => {
  test('requires holding the claim', async () => {
    expectError(await x1.post(url(r2, 'settle')).send({ label: 'match' }), 409, 'conflict');
    await x1.post(url(r2, 'claim')).expect(200);
    expectError(await x2.post(url(r2, 'settle')).send({ label: 'match' }), 409, 'conflict');
    expect((await p.db.select().from(review).where(eq(review.id, r2)))[0]!.status).toBe('claimed');
  });

  test.each([
    ['an unknown label', { label: 'maybe' }, 'label'],
    ['no label', { note: 'hm' }, 'label'],
    ['an overlong note', { label: 'match', note: 'x'.repeat(2001) }, 'note'],
  ])('%s → 400 naming the field, still claimed', async (_what, body, field) => {
    expectError(await x1.post(url(r2, 'settle')).send(body), 400, 'bad_request', field);
    expect((await p.db.select().from(review).where(eq(review.id, r2)))[0]!.status).toBe('claimed');
  });

  test('outside the project → 404; engineer → 403; anonymous → 401; bad UUID → 400', async () => {
    expectError(await outsider.post(url(r2, 'settle')).send({ label: 'match' }), 404, 'not_found');
    expectError(await engineer.post(url(r2, 'settle')).send({ label: 'match' }), 403, 'forbidden');
    expectError(await p.anonymous().post(url(r2, 'settle')).send({ label: 'match' }), 401, 'unauthenticated');
    expectError(await x1.post(url('abc', 'settle')).send({ label: 'match' }), 400, 'bad_request', 'reviewId');
  });

  test('settles the item with the expert’s label and note; it shows up as settled', async () => {
    const res = await x1.post(url(r2, 'settle')).send({ label: 'no_match', note: '  the offer is for another task  ' }).expect(200);
    expect(res.body.review).toMatchObject({ id: r2, status: 'settled', label: 'no_match', note: 'the offer is for another task', claimedByMe: false, claimExpiresAt: null, settledAt: expect.any(String) });
    const [row] = await p.db.select({ status: item.status, finalLabel: item.finalLabel, decidedBy: item.decidedBy }).from(item).innerJoin(review, eq(review.itemId, item.id)).where(eq(review.id, r2));
    expect(row).toEqual({ status: 'settled', finalLabel: 'no_match', decidedBy: 'expert' });
    expect((await queueOf(x1, 'settled')).map((r) => [r.id, r.status])).toEqual([[r2, 'settled']]);
    expect((await queueOf(x1)).map((r) => r.id)).toEqual([r1]);
    expect((await x2.get(url(r2)).expect(200)).body.review).toMatchObject({ status: 'settled', label: 'no_match' });
    expect((await engineer.get(`${API}/projects/${projectId}/stats`)).body.counts).toMatchObject({ settled: 2, escalated: 1 });
  });

  test('a settled review cannot be claimed, released or settled again (409)', async () => {
    expectError(await x2.post(url(r2, 'claim')), 409, 'conflict');
    expectError(await x1.post(url(r2, 'release')), 409, 'conflict');
    expectError(await x1.post(url(r2, 'settle')).send({ label: 'match' }), 409, 'conflict');
    expect((await p.db.select().from(review).where(eq(review.id, r2)))[0]).toMatchObject({ status: 'settled', label: 'no_match' });
  });
});

describe('claims under concurrency, and renewal', () => {
  test('two experts claiming at the same moment: exactly one gets 200, the other 409', async () => {
    const [a, b] = await Promise.all([x1.post(url(r1, 'claim')), x2.post(url(r1, 'claim'))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? x1 : x2;
    const loser = a.status === 200 ? x2 : x1;
    expectError(await loser.post(url(r1, 'renew')), 409, 'conflict');
    const renewed = await winner.post(url(r1, 'renew')).expect(200);
    expect(renewed.body.review).toMatchObject({ id: r1, status: 'claimed', claimedByMe: true });
    await winner.post(url(r1, 'release')).expect(200);
  });

  test('renew: outside the project → 404; engineer → 403; anonymous → 401; bad UUID → 400; not held → 409', async () => {
    expectError(await outsider.post(url(r1, 'renew')), 404, 'not_found');
    expectError(await engineer.post(url(r1, 'renew')), 403, 'forbidden');
    expectError(await p.anonymous().post(url(r1, 'renew')), 401, 'unauthenticated');
    expectError(await x1.post(url('r1', 'renew')), 400, 'bad_request', 'reviewId');
    expectError(await x1.post(url(r1, 'renew')), 409, 'conflict');
  });
});

describe('ambiguous / invalid, undo, history and agreement', () => {
  test.each([
    [{ decision: 'maybe' }, 'decision'],
    [{ decision: 'ambiguous', label: 'match' }, 'label'],
  ])('settle %j → 400 naming %s', async (body, field) => {
    await x1.post(url(r1, 'claim')).expect(200);
    expectError(await x1.post(url(r1, 'settle')).send(body), 400, 'bad_request', field);
  });

  test('undo brings r2 back to its expert, claimed; only they may undo', async () => {
    expectError(await x2.post(url(r2, 'undo')), 409, 'conflict');
    expectError(await outsider.post(url(r2, 'undo')), 404, 'not_found');
    expectError(await engineer.post(url(r2, 'undo')), 403, 'forbidden');
    expectError(await x1.post(url('nope', 'undo')), 400, 'bad_request', 'reviewId');
    const res = await x1.post(url(r2, 'undo')).expect(200);
    expect(res.body.review).toMatchObject({ id: r2, status: 'claimed', claimedByMe: true, decision: null, label: null });
    // Claiming r2 back released r1, which x1 held: one claim at a time.
    expect((await x1.get(url(r1)).expect(200)).body.review.status).toBe('queued');
    const [row] = await p.db.select({ status: item.status, finalLabel: item.finalLabel }).from(item).innerJoin(review, eq(review.itemId, item.id)).where(eq(review.id, r2));
    expect(row).toEqual({ status: 'escalated', finalLabel: null });
  });

  test('invalid keeps the item out, with the note as the reason; the decision shows in history', async () => {
    const res = await x1.post(url(r2, 'settle')).send({ decision: 'invalid', note: 'text B is a phone number' }).expect(200);
    expect(res.body.review).toMatchObject({ status: 'settled', decision: 'invalid', label: null, note: 'text B is a phone number', undoableUntil: expect.any(String) });
    await x1.post(url(r1, 'claim')).expect(200);
    await x1.post(url(r1, 'settle')).send({ decision: 'label', label: 'match' }).expect(200);
    const history = await x1.get(`${API}/projects/${projectId}/reviews/history?pageSize=1`).expect(200);
    expect(history.body).toMatchObject({ total: 2, page: 1, pageSize: 1, entries: [{ id: r1, decision: 'label', label: 'match', crowdLabel: null }] });
    const page2 = await x1.get(`${API}/projects/${projectId}/reviews/history?pageSize=1&page=2`).expect(200);
    expect(page2.body.entries).toEqual([expect.objectContaining({ id: r2, decision: 'invalid', note: 'text B is a phone number', inDataset: false })]);
    expect((await x2.get(`${API}/projects/${projectId}/reviews/history`).expect(200)).body).toMatchObject({ total: 0, entries: [] });
  });

  test('history: page and pageSize are checked; role and membership too', async () => {
    const h = `${API}/projects/${projectId}/reviews/history`;
    expectError(await x1.get(`${h}?page=0`), 400, 'bad_request', 'page');
    expectError(await x1.get(`${h}?pageSize=101`), 400, 'bad_request', 'pageSize');
    expectError(await outsider.get(h), 404, 'not_found');
    expectError(await engineer.get(h), 403, 'forbidden');
    expectError(await labeller.get(h), 403, 'forbidden');
    expectError(await p.anonymous().get(h), 401, 'unauthenticated');
  });

  test('agreement: experts see their own row and the project; engineers see every expert', async () => {
    const a = `${API}/projects/${projectId}/reviews/agreement`;
    // r1 and r2 were both 1–1 ties: nothing is comparable with a crowd that had no leading label.
    const mine = (await x1.get(a).expect(200)).body;
    expect(mine.project).toEqual({ decisions: 2, ambiguous: 0, invalid: 1, comparable: 0, agreed: 0, share: null });
    expect(mine.experts).toEqual([expect.objectContaining({ isMe: true, decisions: 2, displayName: 'rv-x1' })]);
    expect((await x2.get(a).expect(200)).body.experts).toEqual([]);
    expect((await engineer.get(a).expect(200)).body.experts).toHaveLength(1);
    expectError(await outsider.get(a), 404, 'not_found');
    expectError(await labeller.get(a), 403, 'forbidden');
    expectError(await p.anonymous().get(a), 401, 'unauthenticated');
  });

  test('nothing an expert can read names a labeller: no emails, no user ids', async () => {
    const labellers = await p.db.select({ id: user.id, email: user.email }).from(user).where(eq(user.role, 'labeller'));
    const bodies = [
      (await x1.get(`${API}/projects/${projectId}/reviews?status=settled`).expect(200)).body,
      (await x1.get(url(r1)).expect(200)).body,
      (await x2.get(url(r2)).expect(200)).body,
      (await x1.get(`${API}/projects/${projectId}/reviews/history`).expect(200)).body,
      (await x1.get(`${API}/projects/${projectId}/reviews/agreement`).expect(200)).body,
    ];
    const text = JSON.stringify(bodies);
    expect(labellers).toHaveLength(2);
    for (const l of labellers) {
      expect(text).not.toContain(l.id);
      expect(text).not.toContain(l.email);
    }
  });
});
