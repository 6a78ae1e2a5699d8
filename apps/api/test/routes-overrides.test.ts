import { eq, sql } from 'drizzle-orm';
import { aggregate, assignment, goldAnswer, item, labellerReliability, sample } from '@quorum/db';
import { aggregateItem } from '@quorum/services';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, assignmentStatuses, batchRow, projectWithItems, score, type LabellerBatch } from './support/reliability';

// POST /batches/:id/override, and gold served outside the overlap: an engineer rejects an accepted
// batch (its labels stop counting, items it settled reopen) or accepts a rejected one (its labels
// count again where items have room). Expert-settled items become controls for new labellers.
// No worker: scoring and aggregation are called directly.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent; // an engineer of another project
let expert: Agent;
let ann: Agent;
let bob: Agent;
let cat: Agent; // joins after ann's batch is rejected
let fay: Agent;
let projectId: string;
let annBatch: LabellerBatch;
let fayBatch: LabellerBatch;
const x: Record<'agreed' | 'split' | 'third', string> = { agreed: '', split: '', third: '' }; // item ids of ann's batch
const LABELLERS = ['ov-ann', 'ov-bob', 'ov-cat', 'ov-fay', 'ov-dan'].map((n) => `${n}@t.test`);

const itemRow = async (id: string) => (await p.db.select().from(item).where(eq(item.id, id)))[0]!;
const itemOf = async (textA: string) => (await p.db.select({ id: item.id }).from(item).innerJoin(sample, eq(sample.id, item.sampleId)).where(eq(sample.textA, textA)))[0]!.id;
const aggregateAll = async () => {
  for (const r of await p.db.select({ id: item.id }).from(item).where(eq(item.projectId, projectId))) await aggregateItem(p.ctx, r.id);
};
const override = (agent: Agent, batchId: string, body: object) => agent.post(`${API}/batches/${batchId}/override`).send(body);

/** Never more than `overlap` counted labels per item, and live_assignments is exactly the non-gold leased/submitted/accepted ones. */
async function expectOverlapKept() {
  const rows = await p.db.execute<{ id: string; overlap: number; live: number; accepted: number; counted: number }>(sql`
    select i.id, i.overlap, i.live_assignments as live,
      (select count(*)::int from assignment a where a.item_id = i.id and a.status = 'accepted' and not a.is_gold) as accepted,
      (select count(*)::int from assignment a where a.item_id = i.id and a.status in ('leased', 'submitted', 'accepted') and not a.is_gold) as counted
    from item i where i.project_id = ${projectId}`);
  for (const r of rows.rows) {
    expect(r.accepted).toBeLessThanOrEqual(r.overlap);
    expect(r.live).toBe(r.counted);
  }
}

beforeAll(async () => {
  p = await startPlatform();
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'ov-eng@t.test', role: 'engineer' }, { email: 'ov-str@t.test', role: 'engineer' }, { email: 'ov-exp@t.test', role: 'expert' }]);
  [engineer, stranger, expert, ann, bob, cat, fay] = await logins(p, ['ov-eng@t.test', 'ov-str@t.test', 'ov-exp@t.test', 'ov-ann@t.test', 'ov-bob@t.test', 'ov-cat@t.test', 'ov-fay@t.test'] as const);
  await projectWithMembers(stranger, []);
  // Batches of 3, one of them a control once there is gold; instant answers are a reader's pace here.
  projectId = await projectWithItems(p, engineer, [...LABELLERS, 'ov-exp@t.test'], { overlap: 2, batchSize: 3, goldRatio: 0.34, readingTimeScale: 0.0001 }, [1, 2, 3, 4, 5, 6, 7, 8].map((n) => pair(n)));
  // ann and bob answer the same three pairs: they agree on two and split on one.
  annBatch = await answerBatch(ann, projectId, () => 'match');
  const [agreed, split, third] = await Promise.all(annBatch.assignments.map((a) => itemOf(a.textA)));
  Object.assign(x, { agreed, split, third });
  const splitText = annBatch.assignments[1]!.textA;
  const bobBatch = await answerBatch(bob, projectId, (a) => (a.textA === splitText ? 'no_match' : 'match'));
  for (const b of [annBatch, bobBatch]) expect(await score(p, b.id)).toBe('accept');
  await aggregateAll();
  // An expert settles the split pair.
  const [review] = (await expert.get(`${API}/projects/${projectId}/reviews`).expect(200)).body.reviews;
  await expert.post(`${API}/reviews/${review.id}/claim`).expect(200);
  await expert.post(`${API}/reviews/${review.id}/settle`).send({ label: 'no_match', note: 'different tasks' }).expect(200);
  expect((await itemRow(x.split)).decidedBy).toBe('expert');
  expect((await itemRow(x.agreed)).status).toBe('settled');
});
afterAll(async () => p.close());

describe('POST /batches/:batchId/override', () => {
  test('rejecting an accepted batch uncounts its labels and reopens what it settled, unless an expert decided', async () => {
    const res = await override(engineer, annBatch.id, { decision: 'reject', note: 'copied answers' }).expect(200);
    expect(res.body.batch).toMatchObject({ id: annBatch.id, status: 'rejected', reasons: ['rejected by an engineer: copied answers'], override: { by: 'ov-eng@t.test', note: 'copied answers', at: expect.any(String) } });
    expect(await assignmentStatuses(p, annBatch.id)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const id of [x.agreed, x.third]) {
      expect(await itemRow(id)).toMatchObject({ status: 'labelling', liveAssignments: 1, finalLabel: null, decidedBy: null, settledAt: null });
      expect(await p.db.select().from(aggregate).where(eq(aggregate.itemId, id))).toEqual([]);
    }
    expect(await itemRow(x.split)).toMatchObject({ status: 'settled', liveAssignments: 1, finalLabel: 'no_match', decidedBy: 'expert' });
    expect(await p.db.select().from(aggregate).where(eq(aggregate.itemId, x.split))).toHaveLength(1);
    expect((await ann.get(`${API}/me/batches`).expect(200)).body.batches[0]).toMatchObject({ id: annBatch.id, status: 'rejected', reasons: ['rejected by an engineer: copied answers'] });
    await expectOverlapKept();
  });

  test('the same decision again → 409; a note is required → 400 note; an unknown decision → 400 decision', async () => {
    expectError(await override(engineer, annBatch.id, { decision: 'reject', note: 'again' }), 409, 'conflict');
    expectError(await override(engineer, annBatch.id, { decision: 'accept' }), 400, 'bad_request', 'note');
    expectError(await override(engineer, annBatch.id, { decision: 'accept', note: '   ' }), 400, 'bad_request', 'note');
    expectError(await override(engineer, annBatch.id, { decision: 'approve', note: 'ok' }), 400, 'bad_request', 'decision');
    expect((await batchRow(p, annBatch.id)).status).toBe('rejected');
  });

  test('another engineer or no batch → 404; labeller or expert → 403; anonymous → 401; bad UUID → 400', async () => {
    const body = { decision: 'accept', note: 'n' };
    expectError(await override(stranger, annBatch.id, body), 404, 'not_found');
    expectError(await override(engineer, NOWHERE, body), 404, 'not_found');
    expectError(await override(ann, annBatch.id, body), 403, 'forbidden');
    expectError(await override(expert, annBatch.id, body), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/batches/${annBatch.id}/override`).send(body), 401, 'unauthenticated');
    expectError(await override(engineer, 'b-1', body), 400, 'bad_request', 'batchId');
    expect((await batchRow(p, annBatch.id)).status).toBe('rejected');
  });
});

describe('gold from experts', () => {
  test('an expert-settled item has a known answer and is served to a new labeller as a control, outside the overlap', async () => {
    expect(await p.db.select({ label: goldAnswer.label, source: goldAnswer.source }).from(goldAnswer).where(eq(goldAnswer.itemId, x.split))).toEqual([{ label: 'no_match', source: 'expert' }]);
    const catBatch = await answerBatch(cat, projectId, (a) => (a.textA === annBatch.assignments[1]!.textA ? 'no_match' : 'match'));
    const rows = await p.db.select({ itemId: assignment.itemId, isGold: assignment.isGold }).from(assignment).where(eq(assignment.batchId, catBatch.id));
    // The two reopened pairs as regular work, the expert's pair as the control.
    expect(Object.fromEntries(rows.map((r) => [r.itemId, r.isGold]))).toEqual({ [x.agreed]: false, [x.third]: false, [x.split]: true });
    expect((await itemRow(x.split)).liveAssignments).toBe(1);
    expect(await score(p, catBatch.id)).toBe('accept');
    expect((await batchRow(p, catBatch.id)).evidence).toMatchObject({ goldTotal: 1, goldCorrect: 1 });
    expect(await itemRow(x.split)).toMatchObject({ status: 'settled', decidedBy: 'expert', liveAssignments: 1 });
    // The reopened pairs are full again (bob and cat) and settle anew without ann's labels.
    await aggregateAll();
    const [agg] = await p.db.select().from(aggregate).where(eq(aggregate.itemId, x.agreed));
    expect(agg).toMatchObject({ labelCount: 2, winner: 'match' });
    expect((await itemRow(x.agreed)).status).toBe('settled');
    await expectOverlapKept();
  });
});

describe('accepting a rejected batch', () => {
  test('a submitted batch decided by an engineer, then accepted: its labels count where the items have room', async () => {
    fayBatch = await answerBatch(fay, projectId, () => 'no_match');
    const regular = (await p.db.select({ itemId: assignment.itemId }).from(assignment).where(sql`${assignment.batchId} = ${fayBatch.id} and not ${assignment.isGold}`)).map((r) => r.itemId);
    expect(regular).toHaveLength(2);
    const rejected = await override(engineer, fayBatch.id, { decision: 'reject', note: 'testing' }).expect(200);
    expect(rejected.body.batch).toMatchObject({ status: 'rejected', reasons: ['rejected by an engineer: testing'] });
    expect(await assignmentStatuses(p, fayBatch.id)).toEqual(['rejected', 'rejected', 'rejected']);
    const live = async () => Promise.all(regular.map(async (id) => (await itemRow(id)).liveAssignments));
    const before = await live();
    const accepted = await override(engineer, fayBatch.id, { decision: 'accept', note: 'checked by hand' }).expect(200);
    expect(accepted.body.batch).toMatchObject({ status: 'accepted', reasons: [], override: { by: 'ov-eng@t.test', note: 'checked by hand' } });
    expect(await assignmentStatuses(p, fayBatch.id)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await live()).toEqual(before.map((n) => n + 1));
    // The control counts for nothing: three accepted answers on an item of overlap 2.
    expect((await itemRow(x.split)).liveAssignments).toBe(1);
    await expectOverlapKept();
  });

  test('where the items are full or settled, nothing more is counted', async () => {
    const res = await override(engineer, annBatch.id, { decision: 'accept', note: 'appeal by mail' }).expect(200);
    expect(res.body.batch).toMatchObject({ status: 'accepted', override: { note: 'appeal by mail' } });
    expect(await assignmentStatuses(p, annBatch.id)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const id of [x.agreed, x.third, x.split]) expect((await itemRow(id)).liveAssignments).toBe(id === x.split ? 1 : 2);
    await expectOverlapKept();
  });

  test('an open batch has no answers to decide on → 409', async () => {
    const open = (await (await p.login('ov-dan@t.test')).post(`${API}/projects/${projectId}/batches`).expect(200)).body.batch;
    expectError(await override(engineer, open.id, { decision: 'reject', note: 'n' }), 409, 'conflict');
    expectError(await override(engineer, open.id, { decision: 'accept', note: 'n' }), 409, 'conflict');
  });
});

describe('consensus gold', () => {
  test('items settled unanimously by reliable labellers become gold; when the batch is rejected later, they are regular work again', async () => {
    const q = await projectWithItems(p, engineer, ['ov-ann@t.test', 'ov-bob@t.test', 'ov-cat@t.test'], { overlap: 2, batchSize: 2, goldRatio: 0.5, readingTimeScale: 0.0001, goldFromConsensus: true }, [pair(1), pair(2)]);
    // No gold yet: both pairs are regular work for ann and bob, who agree.
    const batches = [await answerBatch(ann, q, () => 'match'), await answerBatch(bob, q, () => 'match')];
    for (const b of batches) expect(await score(p, b.id)).toBe('accept');
    const items = (await p.db.select({ itemId: assignment.itemId }).from(assignment).where(eq(assignment.batchId, batches[0]!.id))).map((r) => r.itemId);
    // Both measured as very reliable (what a long record of right control answers gives).
    const users = await p.db.execute<{ id: string }>(sql`select id from "user" where email in ('ov-ann@t.test', 'ov-bob@t.test')`);
    for (const u of users.rows) await p.db.insert(labellerReliability).values({ projectId: q, labellerId: u.id, accuracy: 0.95, low: 0.9, high: 0.98, evidenceCount: 100, spamPrior: 0.01, computedAt: new Date(Date.now() + 1000) });
    for (const id of items) expect(await aggregateItem(p.ctx, id)).toBe('settled');
    const gold = async () => (await p.db.select({ itemId: goldAnswer.itemId, source: goldAnswer.source, label: goldAnswer.label }).from(goldAnswer).where(sql`${goldAnswer.itemId} in ${items}`)).sort((a, b) => a.itemId.localeCompare(b.itemId));
    expect(await gold()).toEqual(items.map((itemId) => ({ itemId, source: 'consensus', label: 'match' })).sort((a, b) => a.itemId.localeCompare(b.itemId)));
    await override(engineer, batches[0]!.id, { decision: 'reject', note: 'too quick' }).expect(200);
    for (const id of items) expect(await itemRow(id)).toMatchObject({ status: 'labelling', liveAssignments: 1 });
    // Their known answers rested on the rejected labels.
    expect(await gold()).toEqual([]);
    const catBatch = (await cat.post(`${API}/projects/${q}/batches`).expect(200)).body.batch;
    const rows = await p.db.select({ itemId: assignment.itemId, isGold: assignment.isGold }).from(assignment).where(eq(assignment.batchId, catBatch.id));
    expect(rows.map((r) => [r.itemId, r.isGold]).sort()).toEqual(items.map((id) => [id, false]).sort());
  });
});
