import { eq } from 'drizzle-orm';
import { item } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, assignmentStatuses, batchRow, expectNothingSecret, goldPair, projectWithItems, score, scoreAt, type LabellerBatch } from './support/reliability';

// POST /batches/:id/appeal, GET /projects/:id/appeals, POST /appeals/:id/resolve: a labeller appeals
// a rejected batch once; the engineer upholds it (the batch is accepted, as an override) or
// dismisses it. No worker: batches are scored by calling the service.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent; // an engineer of another project
let expert: Agent;
let rex: Agent; // rejected, appeal upheld
let dee: Agent; // rejected, appeal dismissed
let hon: Agent; // accepted
const ids: Record<string, string> = {};
let projectId: string;
let rexBatch: LabellerBatch;
let deeBatch: LabellerBatch;
let rexAppeal: string;
let deeAppeal: string;
const seen: unknown[] = [];

const GOLD: Record<string, string> = Object.fromEntries([1, 2, 3].map((n) => [goldPair(n, '').textA, n % 2 ? 'match' : 'no_match']));
const appeal = (agent: Agent, batchId: string, body: object = { message: 'I read every pair carefully' }) => agent.post(`${API}/batches/${batchId}/appeal`).send(body);
const resolve = (agent: Agent, appealId: string, body: object) => agent.post(`${API}/appeals/${appealId}/resolve`).send(body);
const myOutcome = async (agent: Agent, batchId: string) => {
  const res = await agent.get(`${API}/me/batches`).expect(200);
  seen.push(res.body);
  return res.body.batches.find((b: { id: string }) => b.id === batchId);
};
const openAppealsOf = async (userId: string) => ((await engineer.get(`${API}/projects/${projectId}/labellers`).expect(200)).body.labellers as { id: string; openAppeals: number }[]).find((l) => l.id === userId)!.openAppeals;

beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([
    { email: 'ap-rex@t.test', role: 'labeller' },
    { email: 'ap-dee@t.test', role: 'labeller' },
    { email: 'ap-hon@t.test', role: 'labeller' },
    { email: 'ap-eng@t.test', role: 'engineer' },
    { email: 'ap-str@t.test', role: 'engineer' },
    { email: 'ap-exp@t.test', role: 'expert' },
  ]);
  for (const u of users) ids[u.email.split('@')[0]!] = u.id;
  [engineer, stranger, expert, rex, dee, hon] = await logins(p, ['ap-eng@t.test', 'ap-str@t.test', 'ap-exp@t.test', 'ap-rex@t.test', 'ap-dee@t.test', 'ap-hon@t.test'] as const);
  await projectWithMembers(stranger, []);
  projectId = await projectWithItems(p, engineer, ['ap-rex@t.test', 'ap-dee@t.test', 'ap-hon@t.test', 'ap-exp@t.test'], { overlap: 2, batchSize: 4, goldRatio: 0.25 }, [goldPair(1, 'match'), goldPair(2, 'no_match'), goldPair(3, 'match'), ...Array.from({ length: 12 }, (_, i) => pair(i + 1))]);
  // Two labellers answer without reading (rejected), one reads (accepted).
  rexBatch = await answerBatch(rex, projectId, (_a, i) => (i % 2 ? 'match' : 'no_match'), { responses: seen });
  deeBatch = await answerBatch(dee, projectId, (_a, i) => (i % 3 ? 'match' : 'no_match'), { responses: seen });
  for (const b of [rexBatch, deeBatch]) expect(await score(p, b.id)).toBe('reject');
});
afterAll(async () => p.close());

describe('POST /batches/:batchId/appeal', () => {
  test('the owner appeals a rejected batch; it shows in /me/batches', async () => {
    const res = await appeal(rex, rexBatch.id).expect(201);
    seen.push(res.body);
    expect(res.body.batch).toMatchObject({ id: rexBatch.id, status: 'rejected', appeal: { status: 'open', resolutionNote: null } });
    expect((await myOutcome(rex, rexBatch.id)).appeal).toEqual({ status: 'open', resolutionNote: null });
    seen.push((await appeal(dee, deeBatch.id, { message: '  my connection was slow  ' }).expect(201)).body);
  });

  test('once only: a second appeal → 409', async () => {
    expectError(await appeal(rex, rexBatch.id, { message: 'please' }), 409, 'conflict');
  });

  test('only a rejected batch: accepted, open or waiting → 409', async () => {
    const accepted = await answerBatch(hon, projectId, (a, i) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match'));
    expect(await scoreAt(p, accepted.id, 5)).toBe('accept');
    expectError(await appeal(hon, accepted.id), 409, 'conflict');
    const submitted = await answerBatch(hon, projectId, (a, i) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match'));
    expectError(await appeal(hon, submitted.id), 409, 'conflict');
    const open = (await hon.post(`${API}/projects/${projectId}/batches`).expect(200)).body.batch;
    expectError(await appeal(hon, open.id), 409, 'conflict');
  });

  test('another labeller’s batch or none → 404; engineer or expert → 403; anonymous → 401; 400 naming the field', async () => {
    expectError(await appeal(hon, deeBatch.id), 404, 'not_found');
    expectError(await appeal(rex, NOWHERE), 404, 'not_found');
    expectError(await appeal(engineer, rexBatch.id), 403, 'forbidden');
    expectError(await appeal(expert, rexBatch.id), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/batches/${rexBatch.id}/appeal`).send({ message: 'hi' }), 401, 'unauthenticated');
    expectError(await appeal(rex, rexBatch.id, {}), 400, 'bad_request', 'message');
    expectError(await appeal(rex, rexBatch.id, { message: ' ' }), 400, 'bad_request', 'message');
    expectError(await appeal(rex, rexBatch.id, { message: 'x'.repeat(2001) }), 400, 'bad_request', 'message');
    expectError(await appeal(rex, 'b-1'), 400, 'bad_request', 'batchId');
  });
});

describe('GET /projects/:projectId/appeals', () => {
  test('the engineer sees open appeals with the labeller and message; the labellers list counts them', async () => {
    const { body } = await engineer.get(`${API}/projects/${projectId}/appeals`).expect(200);
    expect(body.appeals.map((a: { batchId: string }) => a.batchId).sort()).toEqual([rexBatch.id, deeBatch.id].sort());
    const mine = body.appeals.find((a: { batchId: string }) => a.batchId === rexBatch.id);
    expect(mine).toEqual({ id: expect.any(String), batchId: rexBatch.id, projectId, labeller: { id: ids['ap-rex'], displayName: 'ap-rex', email: 'ap-rex@t.test' }, message: 'I read every pair carefully', status: 'open', createdAt: expect.any(String), resolvedAt: null, resolutionNote: null });
    rexAppeal = mine.id;
    deeAppeal = body.appeals.find((a: { batchId: string }) => a.batchId === deeBatch.id).id;
    expect(body.appeals.find((a: { id: string }) => a.id === deeAppeal).message).toBe('my connection was slow');
    expect(await openAppealsOf(ids['ap-rex']!)).toBe(1);
    const batches = (await engineer.get(`${API}/projects/${projectId}/batches?status=rejected`).expect(200)).body.batches;
    expect(batches.find((b: { id: string }) => b.id === rexBatch.id)).toMatchObject({ appealMessage: 'I read every pair carefully', appeal: { status: 'open' } });
  });

  test('400 status; 404 for another engineer or project; 403 for labellers and experts; 401', async () => {
    const url = `${API}/projects/${projectId}/appeals`;
    expectError(await engineer.get(`${url}?status=closed`), 400, 'bad_request', 'status');
    expectError(await engineer.get(`${API}/projects/x/appeals`), 400, 'bad_request', 'projectId');
    expectError(await stranger.get(url), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${NOWHERE}/appeals`), 404, 'not_found');
    expectError(await rex.get(url), 403, 'forbidden');
    expectError(await expert.get(url), 403, 'forbidden');
    expectError(await p.anonymous().get(url), 401, 'unauthenticated');
  });
});

describe('POST /appeals/:appealId/resolve', () => {
  test('404 for another engineer or no appeal; 403 for labellers and experts; 401; 400 naming the field — still open', async () => {
    expectError(await resolve(stranger, rexAppeal, { decision: 'uphold' }), 404, 'not_found');
    expectError(await resolve(engineer, NOWHERE, { decision: 'uphold' }), 404, 'not_found');
    expectError(await resolve(rex, rexAppeal, { decision: 'uphold' }), 403, 'forbidden');
    expectError(await resolve(expert, rexAppeal, { decision: 'uphold' }), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/appeals/${rexAppeal}/resolve`).send({ decision: 'uphold' }), 401, 'unauthenticated');
    expectError(await resolve(engineer, rexAppeal, { decision: 'accept' }), 400, 'bad_request', 'decision');
    expectError(await resolve(engineer, rexAppeal, { decision: 'uphold', note: 'x'.repeat(2001) }), 400, 'bad_request', 'note');
    expectError(await resolve(engineer, 'a-1', { decision: 'uphold' }), 400, 'bad_request', 'appealId');
    expect((await batchRow(p, rexBatch.id)).status).toBe('rejected');
  });

  test('upholding accepts the batch as an engineer’s override; the labeller sees the outcome and the note', async () => {
    const res = await resolve(engineer, rexAppeal, { decision: 'uphold', note: 'timing glitch on our side' }).expect(200);
    expect(res.body.appeal).toMatchObject({ id: rexAppeal, status: 'upheld', resolvedAt: expect.any(String), resolutionNote: 'timing glitch on our side' });
    const ev = (await engineer.get(`${API}/batches/${rexBatch.id}/evidence`).expect(200)).body.batch;
    expect(ev).toMatchObject({ status: 'accepted', reasons: [], override: { by: 'ap-eng@t.test', note: 'timing glitch on our side' }, appeal: { status: 'upheld' } });
    // Its labels count again: rex's pairs still had room.
    expect(await assignmentStatuses(p, rexBatch.id)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const outcome = await myOutcome(rex, rexBatch.id);
    expect(outcome).toMatchObject({ status: 'accepted', reasons: [], appeal: { status: 'upheld', resolutionNote: 'timing glitch on our side' } });
    expect(await openAppealsOf(ids['ap-rex']!)).toBe(0);
    expectError(await resolve(engineer, rexAppeal, { decision: 'dismiss' }), 409, 'conflict');
  });

  test('an upheld batch no longer counts against the labeller: their next careful batch is accepted', async () => {
    const next = await answerBatch(rex, projectId, (a, i) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match'), { responses: seen });
    expect(await scoreAt(p, next.id, 5)).toBe('accept');
    // The overturned rejection counts as no evidence at all (each type's ratio capped at 0).
    const prior = (await batchRow(p, next.id)).evidence!.priorSpam as number;
    expect(prior).toBeLessThanOrEqual(0.1);
    expect(prior).toBeGreaterThan(0.05);
  });

  test('dismissing keeps the rejection; resolving twice → 409', async () => {
    const res = await resolve(engineer, deeAppeal, { decision: 'dismiss', note: 'controls were wrong too' }).expect(200);
    expect(res.body.appeal).toMatchObject({ status: 'dismissed', resolutionNote: 'controls were wrong too' });
    expect(await batchRow(p, deeBatch.id)).toMatchObject({ status: 'rejected', overriddenBy: null });
    expect(await assignmentStatuses(p, deeBatch.id)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(await myOutcome(dee, deeBatch.id)).toMatchObject({ status: 'rejected', appeal: { status: 'dismissed', resolutionNote: 'controls were wrong too' } });
    expectError(await resolve(engineer, deeAppeal, { decision: 'uphold' }), 409, 'conflict');
    expect((await batchRow(p, deeBatch.id)).status).toBe('rejected');
    // Resolved appeals leave the open list and stay in the full one.
    expect((await engineer.get(`${API}/projects/${projectId}/appeals`).expect(200)).body.appeals).toEqual([]);
    const all = (await engineer.get(`${API}/projects/${projectId}/appeals?status=all`).expect(200)).body.appeals;
    expect(all.map((a: { status: string }) => a.status).sort()).toEqual(['dismissed', 'upheld']);
  });

  test('nothing a labeller received names gold items, scoring figures or other labellers', async () => {
    const itemIds = (await p.db.select({ id: item.id }).from(item).where(eq(item.projectId, projectId))).map((r) => r.id);
    const people = Object.entries(ids).flatMap(([name, id]) => [id, `${name}@t.test`]);
    for (const body of seen) expectNothingSecret(body, [...itemIds, ...people]);
    expect(seen.length).toBeGreaterThan(10);
  });
});
