import { eq } from 'drizzle-orm';
import { assignment, batch, item, label, user } from '@quorum/db';
import { selectItems } from '@quorum/services';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// POST /projects/:id/batches, GET /me/batches, GET /batches/:id, PUT /assignments/:id/label,
// POST /batches/:id/submit. Selection is called directly (no worker in this file).
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let expert: Agent;
let ann: Agent; // the main labeller
let bob: Agent; // another labeller in the same project
let outsider: Agent; // a labeller who is not a member
let projectId: string;
let emptyProjectId: string;
let annBatch: { id: string; assignments: { id: string; position: number; textA: string; label: string | null }[] };
const LABELLERS = ['bt-ann', 'bt-bob', 'bt-cat', 'bt-dan', 'bt-eve'].map((n) => `${n}@t.test`);

beforeAll(async () => {
  p = await startPlatform();
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'bt-out@t.test', role: 'labeller' }, { email: 'bt-eng@t.test', role: 'engineer' }, { email: 'bt-exp@t.test', role: 'expert' }]);
  [engineer, expert, ann, bob, outsider] = await logins(p, ['bt-eng@t.test', 'bt-exp@t.test', 'bt-ann@t.test', 'bt-bob@t.test', 'bt-out@t.test'] as const);
  // Batches of three: two regular items and one gold item.
  projectId = (await projectWithMembers(engineer, [...LABELLERS, 'bt-exp@t.test'], { batchSize: 3, goldRatio: 0.34, readingTimeScale: 0.0001, labels: ['match', 'no_match', 'unsure'] })).id;
  const gold = [pair(101, undefined, { goldLabel: 'match' }), pair(102, undefined, { goldLabel: 'no_match' })];
  await engineer.post(`${API}/projects/${projectId}/samples`).send([...gold, pair(1), pair(2), pair(3), pair(4)]).expect(200);
  expect(await selectItems(p.ctx, projectId)).toEqual({ selected: 4, skipped: { duplicate_pair: 0, near_duplicate: 0 } });
  emptyProjectId = (await projectWithMembers(engineer, ['bt-ann@t.test'])).id;
});
afterAll(async () => p.close());

const batchesUrl = (id: string) => `${API}/projects/${id}/batches`;

describe('POST /projects/:projectId/batches', () => {
  test('leases a batch: items and gold, shown without item ids or gold flags', async () => {
    const res = await ann.post(batchesUrl(projectId)).expect(200);
    annBatch = res.body.batch;
    expect(Object.keys(res.body.batch).sort()).toEqual(['assignments', 'createdAt', 'expiresAt', 'id', 'labels', 'projectId', 'status']);
    expect(res.body.batch).toMatchObject({ projectId, status: 'open', labels: ['match', 'no_match', 'unsure'] });
    const lease = Date.parse(res.body.batch.expiresAt) - Date.parse(res.body.batch.createdAt);
    expect(lease).toBe(15 * 60_000);
    expect(res.body.batch.assignments.map((a: { position: number }) => a.position)).toEqual([0, 1, 2]);
    for (const a of res.body.batch.assignments) {
      expect(Object.keys(a).sort()).toEqual(['id', 'label', 'position', 'textA', 'textB']);
      expect(a.label).toBeNull();
    }
    // One of the three is gold, but nothing in the answer says which, nor names any item.
    const rows = await p.db.select({ itemId: assignment.itemId, status: item.status }).from(assignment).innerJoin(item, eq(item.id, assignment.itemId)).where(eq(assignment.batchId, annBatch.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['gold', 'labelling', 'labelling']);
    const text = JSON.stringify(res.body);
    for (const r of rows) expect(text).not.toContain(r.itemId);
    expect(text).not.toMatch(/gold/i);
  });

  test('asking again returns the same open batch', async () => {
    const again = await ann.post(batchesUrl(projectId)).expect(200);
    expect(again.body.batch).toEqual(annBatch);
    expect(await p.db.select().from(batch).where(eq(batch.projectId, projectId))).toHaveLength(1);
  });

  test('batch is null when there is no work', async () => {
    expect((await ann.post(batchesUrl(emptyProjectId)).expect(200)).body).toEqual({ batch: null });
  });

  test('a paused labeller gets 403 paused, with the reason', async () => {
    const [cat] = await p.db.update(user).set({ pausedAt: new Date(), pauseReason: 'too fast on controls' }).where(eq(user.email, 'bt-cat@t.test')).returning();
    const res = await (await p.login('bt-cat@t.test')).post(batchesUrl(projectId));
    expectError(res, 403, 'paused');
    expect(res.body.error.message).toMatch(/too fast on controls/);
    await p.db.update(user).set({ pausedAt: null, pauseReason: null }).where(eq(user.id, cat!.id));
  });

  test('not a member → 404; engineer or expert → 403; anonymous → 401; bad UUID → 400', async () => {
    expectError(await outsider.post(batchesUrl(projectId)), 404, 'not_found');
    expectError(await ann.post(batchesUrl(NOWHERE)), 404, 'not_found');
    expectError(await engineer.post(batchesUrl(projectId)), 403, 'forbidden');
    expectError(await expert.post(batchesUrl(projectId)), 403, 'forbidden');
    expectError(await p.anonymous().post(batchesUrl(projectId)), 401, 'unauthenticated');
    expectError(await ann.post(batchesUrl('x-y-z')), 400, 'bad_request', 'projectId');
  });
});

describe('GET /batches/:batchId and GET /me/batches', () => {
  test('the owner reads the batch; another labeller gets 404', async () => {
    expect((await ann.get(`${API}/batches/${annBatch.id}`).expect(200)).body).toEqual({ batch: annBatch });
    expectError(await bob.get(`${API}/batches/${annBatch.id}`), 404, 'not_found');
    expectError(await ann.get(`${API}/batches/${NOWHERE}`), 404, 'not_found');
  });

  test('GET /batches/:batchId: engineer → 403; anonymous → 401; bad UUID → 400 batchId', async () => {
    expectError(await engineer.get(`${API}/batches/${annBatch.id}`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/batches/${annBatch.id}`), 401, 'unauthenticated');
    expectError(await ann.get(`${API}/batches/123`), 400, 'bad_request', 'batchId');
  });

  test('/me/batches lists only the caller’s own batches', async () => {
    const mine = await ann.get(`${API}/me/batches`).expect(200);
    expect(mine.body).toEqual({ batches: [{ id: annBatch.id, projectId, status: 'open', itemCount: 3, createdAt: expect.any(String), submittedAt: null, decidedAt: null, reasons: [], appeal: null }] });
    expect((await outsider.get(`${API}/me/batches`).expect(200)).body).toEqual({ batches: [] });
    expectError(await engineer.get(`${API}/me/batches`), 403, 'forbidden');
    expectError(await expert.get(`${API}/me/batches`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/me/batches`), 401, 'unauthenticated');
  });
});

describe('PUT /assignments/:assignmentId/label', () => {
  test('records an answer and changes it while the batch is open', async () => {
    const a = annBatch.assignments[0]!;
    expect((await ann.put(`${API}/assignments/${a.id}/label`).send({ label: 'no_match', clientMs: 1200 }).expect(200)).body).toEqual({ assignment: { id: a.id, label: 'no_match' } });
    expect((await ann.put(`${API}/assignments/${a.id}/label`).send({ label: 'unsure' }).expect(200)).body).toEqual({ assignment: { id: a.id, label: 'unsure' } });
    const view = await ann.get(`${API}/batches/${annBatch.id}`).expect(200);
    expect(view.body.batch.assignments.map((x: { label: string | null }) => x.label)).toEqual(['unsure', null, null]);
    const [row] = await p.db.select().from(label).where(eq(label.assignmentId, a.id));
    expect(row).toMatchObject({ value: 'unsure', revisions: 1, labellerId: expect.any(String) });
  });

  test.each([
    ['an unknown label', { label: 'maybe' }, 'label'],
    ['no label', {}, 'label'],
    ['an empty label', { label: '' }, 'label'],
    ['a negative clientMs', { label: 'match', clientMs: -1 }, 'clientMs'],
    ['a fractional clientMs', { label: 'match', clientMs: 1.5 }, 'clientMs'],
  ])('%s → 400 naming the field, answer unchanged', async (_what, body, field) => {
    const a = annBatch.assignments[0]!;
    expectError(await ann.put(`${API}/assignments/${a.id}/label`).send(body), 400, 'bad_request', field);
    expect((await p.db.select().from(label).where(eq(label.assignmentId, a.id)))[0]!.value).toBe('unsure');
  });

  test('another labeller’s assignment → 404, and it stays unanswered', async () => {
    const a = annBatch.assignments[1]!;
    expectError(await bob.put(`${API}/assignments/${a.id}/label`).send({ label: 'match' }), 404, 'not_found');
    expectError(await ann.put(`${API}/assignments/${NOWHERE}/label`).send({ label: 'match' }), 404, 'not_found');
    expect(await p.db.select().from(label).where(eq(label.assignmentId, a.id))).toEqual([]);
  });

  test('engineer → 403; anonymous → 401; bad UUID → 400 assignmentId', async () => {
    const a = annBatch.assignments[1]!;
    expectError(await engineer.put(`${API}/assignments/${a.id}/label`).send({ label: 'match' }), 403, 'forbidden');
    expectError(await p.anonymous().put(`${API}/assignments/${a.id}/label`).send({ label: 'match' }), 401, 'unauthenticated');
    expectError(await ann.put(`${API}/assignments/nope/label`).send({ label: 'match' }), 400, 'bad_request', 'assignmentId');
  });
});

describe('POST /batches/:batchId/submit', () => {
  test('a batch with unanswered pairs → 400 naming assignments, still open', async () => {
    const res = await ann.post(`${API}/batches/${annBatch.id}/submit`);
    expectError(res, 400, 'bad_request', 'assignments');
    expect(res.body.error.message).toMatch(/2 pair\(s\) not answered yet \(positions 2, 3\)/);
    expect((await p.db.select().from(batch).where(eq(batch.id, annBatch.id)))[0]!.status).toBe('open');
  });

  test('another labeller → 404; engineer → 403; anonymous → 401; bad UUID → 400 batchId', async () => {
    expectError(await bob.post(`${API}/batches/${annBatch.id}/submit`), 404, 'not_found');
    expectError(await engineer.post(`${API}/batches/${annBatch.id}/submit`), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/batches/${annBatch.id}/submit`), 401, 'unauthenticated');
    expectError(await ann.post(`${API}/batches/zzz/submit`), 400, 'bad_request', 'batchId');
  });

  test('submits a fully answered batch; submitting again answers the same; answers are then frozen', async () => {
    for (const a of annBatch.assignments.slice(1)) await ann.put(`${API}/assignments/${a.id}/label`).send({ label: 'match' }).expect(200);
    const res = await ann.post(`${API}/batches/${annBatch.id}/submit`).expect(200);
    expect(res.body).toEqual({ batch: { id: annBatch.id, projectId, status: 'submitted', itemCount: 3, createdAt: expect.any(String), submittedAt: expect.any(String), decidedAt: null, reasons: [], appeal: null } });
    const again = await ann.post(`${API}/batches/${annBatch.id}/submit`).expect(200);
    expect(again.body).toEqual(res.body);
    const statuses = await p.db.select({ s: assignment.status }).from(assignment).where(eq(assignment.batchId, annBatch.id));
    expect(statuses.map((r) => r.s)).toEqual(['submitted', 'submitted', 'submitted']);
    expectError(await ann.put(`${API}/assignments/${annBatch.assignments[0]!.id}/label`).send({ label: 'match' }), 409, 'conflict');
    const jobs = await p.queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.filter((j) => j.name === 'score-batch' && j.data.batchId === annBatch.id)).toHaveLength(1);
    expect((await engineer.get(`${API}/projects/${projectId}/stats`)).body.counts.batches).toMatchObject({ open: 0, submitted: 1 });
  });

  test('the next request leases a new batch, never the items already seen', async () => {
    const next = await ann.post(batchesUrl(projectId)).expect(200);
    const texts = next.body.batch.assignments.map((a: { textA: string }) => a.textA);
    expect(next.body.batch.id).not.toBe(annBatch.id);
    for (const a of annBatch.assignments) expect(texts).not.toContain(a.textA);
  });
});

describe('an expired lease', () => {
  test('label and submit answer 409 lease_expired; the batch is expired and its slots free', async () => {
    const open = (await bob.post(batchesUrl(projectId)).expect(200)).body.batch;
    const a = open.assignments[0]!;
    await bob.put(`${API}/assignments/${a.id}/label`).send({ label: 'match' }).expect(200);
    await p.db.update(batch).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(batch.id, open.id));
    expectError(await bob.put(`${API}/assignments/${a.id}/label`).send({ label: 'no_match' }), 409, 'lease_expired');
    expectError(await bob.post(`${API}/batches/${open.id}/submit`), 409, 'lease_expired');
    expect((await p.db.select().from(label).where(eq(label.assignmentId, a.id)))[0]!.value).toBe('match');
    // The refusal also ends the lease for good, without waiting for the sweeper.
    expect((await p.db.select().from(batch).where(eq(batch.id, open.id)))[0]!.status).toBe('expired');
    expect(new Set((await p.db.select({ s: assignment.status }).from(assignment).where(eq(assignment.batchId, open.id))).map((r) => r.s))).toEqual(new Set(['expired']));
    const mine = (await bob.get(`${API}/me/batches`).expect(200)).body.batches;
    expect(mine.find((b: { id: string }) => b.id === open.id)).toMatchObject({ status: 'expired', decidedAt: expect.any(String) });
    // Asking for work gives a fresh batch.
    const fresh = await bob.post(batchesUrl(projectId)).expect(200);
    expect(fresh.body.batch.id).not.toBe(open.id);
    expect(fresh.body.batch.status).toBe('open');
  });
});
