import { eq, inArray } from 'drizzle-orm';
import { aggregate, batch, item, label } from '@quorum/db';
import { aggregateItem, applyPauseRule, inTransaction } from '@quorum/services';
import { API, expectError, logins } from './support/http';
import { pair, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, assignmentStatuses, batchRow, goldPair, projectWithItems, scoreAt } from './support/reliability';

// The second way into a pause: batches that each passed, but together look like a spammer's
// (core's pauseByEvidence), and what follows: the batches whose own evidence points the same way
// are taken back, their labels stop counting and the items they settled reopen. The evidence of
// careful batches is rewritten to what a random clicker at a human pace leaves (mild, per batch).
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let labeller: Agent;
let labellerId: string;
let projectId: string;

const GOLD: Record<string, string> = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [goldPair(n, '').textA, n % 2 ? 'match' : 'no_match']));
const careful = (a: { textA: string }, i: number) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match');
const LOOKS_RANDOM = (nats: number) => ({ 'random-fast': -8, 'random-human': nats, 'constant-fast': -9, 'constant-human': -6, 'alternate-fast': -9, 'alternate-human': -6 });

beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([
    { email: 'pe-lab@t.test', role: 'labeller' },
    { email: 'pe-eng@t.test', role: 'engineer' },
  ]);
  labellerId = users.find((u) => u.email === 'pe-lab@t.test')!.id;
  [engineer, labeller] = await logins(p, ['pe-eng@t.test', 'pe-lab@t.test'] as const);
  const gold = [1, 2, 3, 4, 5].map((n) => goldPair(n, n % 2 ? 'match' : 'no_match'));
  projectId = await projectWithItems(p, engineer, ['pe-lab@t.test'], { overlap: 1, batchSize: 4, goldRatio: 0.25, escalateBelowPosterior: 0.5 }, [...gold, ...Array.from({ length: 16 }, (_, i) => pair(i + 1))]);
});
afterAll(async () => p.close());

async function pauseRule(): Promise<boolean> {
  return inTransaction(p.ctx, (tx, out) => applyPauseRule(tx, out, projectId, labellerId, p.ctx.now()));
}

test('three accepted batches that together look random: paused with a plain reason; the suspicious ones taken back', async () => {
  const batches: string[] = [];
  for (let n = 0; n < 3; n++) {
    const b = await answerBatch(labeller, projectId, careful);
    expect(await scoreAt(p, b.id, 5)).toBe('accept');
    batches.push(b.id);
  }
  expect(await pauseRule()).toBe(false); // their real evidence is honest
  const items = (await p.db.select({ itemId: label.itemId }).from(label).where(inArray(label.batchId, batches))).map((r) => r.itemId);
  for (const id of items) await aggregateItem(p.ctx, id);
  const settled = await p.db.select({ id: item.id }).from(item).where(inArray(item.id, items));
  expect(settled.length).toBeGreaterThan(0);

  // Each batch: 1 of 3 peer pairs matched, the control missed. The last batch alone is weak
  // evidence (0.5 nat < 1), the first two are not (2.5 nats each).
  for (const [i, id] of batches.entries()) {
    const b = await batchRow(p, id);
    const evidence = { ...(b.evidence as object), spamTypes: LOOKS_RANDOM(i < 2 ? 2.5 : 0.5), goldCorrect: 0, goldTotal: 1, peerItems: 3, peerAgreement: 1 / 3 };
    await p.db.update(batch).set({ evidence }).where(eq(batch.id, id));
  }
  expect(await pauseRule()).toBe(true);

  const me = (await labeller.get(`${API}/auth/me`).expect(200)).body;
  expect(me.pause).toEqual({ pausedAt: expect.any(String), reason: "over your last 3 batches, your answers matched other labellers' on 3 of 9 pairs and 0 of 3 control answers were right: about what answers picked at random would give" });
  const refused = await labeller.post(`${API}/projects/${projectId}/batches`);
  expectError(refused, 403, 'paused');
  expect(refused.body.error.details).toEqual([{ field: 'pauseReason', message: me.pause.reason }]);

  const [first, second, third] = await Promise.all(batches.map((id) => batchRow(p, id)));
  for (const b of [first!, second!]) {
    expect(b.status).toBe('rejected');
    expect(b.reasons).toEqual([`taken back when you were paused: ${me.pause.reason}`]);
    expect(new Set(await assignmentStatuses(p, b.id))).toEqual(new Set(['rejected']));
  }
  expect(third!.status).toBe('accepted');
  expect(new Set(await assignmentStatuses(p, third!.id))).toEqual(new Set(['accepted']));

  // Items the taken-back labels had settled are open work again, with no aggregate left.
  const takenBack = (await p.db.select({ itemId: label.itemId }).from(label).where(inArray(label.batchId, [first!.id, second!.id]))).map((r) => r.itemId);
  const rows = await p.db.select({ status: item.status, finalLabel: item.finalLabel }).from(item).where(inArray(item.id, takenBack));
  const regular = rows.filter((r) => r.status !== 'gold');
  expect(regular.length).toBeGreaterThan(0);
  for (const r of regular) expect(r).toEqual({ status: 'labelling', finalLabel: null });
  expect(await p.db.select().from(aggregate).where(inArray(aggregate.itemId, takenBack))).toEqual([]);

  // Labeller view: the outcome and the reason, never the evidence.
  const mine = (await labeller.get(`${API}/me/batches`).expect(200)).body.batches as { id: string; status: string; reasons: string[] }[];
  expect(mine.find((b) => b.id === first!.id)).toMatchObject({ status: 'rejected', reasons: [expect.stringContaining('taken back when you were paused')] });
});

test('a paused labeller is not paused twice, and a lifted pause starts a clean window', async () => {
  expect(await pauseRule()).toBe(false);
  await engineer.post(`${API}/projects/${projectId}/labellers/${labellerId}/unpause`).send({}).expect(200);
  expect((await labeller.get(`${API}/auth/me`).expect(200)).body.pause).toBeNull();
  // The old batches were decided before the lift: they no longer count.
  expect(await pauseRule()).toBe(false);
});
