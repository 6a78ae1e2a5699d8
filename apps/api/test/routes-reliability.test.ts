import { eq, inArray } from 'drizzle-orm';
import { assignment, batch, item, label } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';
import { answerBatch, batchRow, clearJobs, expectNothingSecret, goldPair, projectWithItems, score, scoreAt, scoreJobs, type LabellerBatch } from './support/reliability';

// Scoring through the real API: a submitted batch is accepted, rejected or waits for peers;
// GET /projects/:id/batches and GET /batches/:id/evidence show the engineer why; labellers never
// see any of it. No worker: tests move server-measured time in the database and score directly.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent; // an engineer of another project
let expert: Agent;
let fast: Agent;
let honest: Agent;
let amb: Agent;
let peer: Agent;
const ids: Record<string, string> = {};
const EMAILS = ['rl-fast', 'rl-honest', 'rl-amb', 'rl-peer', 'rl-late', 'rl-eager'].map((n) => `${n}@t.test`);
const seen: unknown[] = []; // every body a labeller received, checked at the end
let scoringId: string; // readingTimeScale 1: a pair takes about 4 s to read; one control per batch of 4
let waitingId: string; // no gold, overlap 2: evidence comes from peers
let fastBatch: LabellerBatch;
let honestBatch: LabellerBatch;
let ambBatch: LabellerBatch;

beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([...EMAILS.map((email) => ({ email, role: 'labeller' as const })), { email: 'rl-eng@t.test', role: 'engineer' }, { email: 'rl-str@t.test', role: 'engineer' }, { email: 'rl-exp@t.test', role: 'expert' }]);
  for (const u of users) ids[u.email.split('@')[0]!] = u.id;
  [engineer, stranger, expert, fast, honest, amb, peer] = await logins(p, ['rl-eng@t.test', 'rl-str@t.test', 'rl-exp@t.test', 'rl-fast@t.test', 'rl-honest@t.test', 'rl-amb@t.test', 'rl-peer@t.test'] as const);
  await projectWithMembers(stranger, []);
  scoringId = await projectWithItems(p, engineer, ['rl-fast@t.test', 'rl-honest@t.test', 'rl-exp@t.test'], { overlap: 2, batchSize: 4, goldRatio: 0.25 }, [goldPair(1, 'match'), goldPair(2, 'no_match'), ...[1, 2, 3, 4, 5, 6].map((n) => pair(n))]);
  waitingId = await projectWithItems(p, engineer, ['rl-amb@t.test', 'rl-peer@t.test'], { overlap: 2, batchSize: 2, goldRatio: 0 }, [pair(1), pair(2)]);
});
afterAll(async () => p.close());

const GOLD: Record<string, string> = { [goldPair(1, 'match').textA]: 'match', [goldPair(2, 'no_match').textA]: 'no_match' };
const myBatch = async (agent: Agent, id: string) => {
  const res = await agent.get(`${API}/me/batches`).expect(200);
  seen.push(res.body);
  return (res.body.batches as { id: string; status: string; reasons: string[] }[]).find((b) => b.id === id)!;
};
const labellerOf = async (projectId: string, userId: string) => ((await engineer.get(`${API}/projects/${projectId}/labellers`).expect(200)).body.labellers as { id: string; trend: number[]; batches: Record<string, number> }[]).find((l) => l.id === userId)!;

describe('scoring a submitted batch', () => {
  test('a fast random clicker is rejected with a plain reason that names no item and no answer', async () => {
    // Instant answers with a client claiming 5 s each: the server measures the time itself.
    fastBatch = await answerBatch(fast, scoringId, (_a, i) => ['match', 'no_match', 'no_match', 'match'][i]!, { responses: seen, clientMs: 5000 });
    expect(await score(p, fastBatch.id)).toBe('reject');
    const outcome = await myBatch(fast, fastBatch.id);
    expect(outcome).toMatchObject({ status: 'rejected', decidedAt: expect.any(String), appeal: null });
    expect(outcome.reasons.join(' | ')).toMatch(/median \d+(\.\d{1,2})? s per pair, reading takes about \d+(\.\d{1,2})? s/);
    const itemIds = (await p.db.select({ id: assignment.itemId }).from(assignment).where(eq(assignment.batchId, fastBatch.id))).map((r) => r.id);
    for (const reason of outcome.reasons) {
      expect(reason).not.toMatch(/match|gold|chore|task number/i);
      for (const id of itemIds) expect(reason).not.toContain(id);
    }
    // Its labels never count: every slot it held is free again.
    expect(new Set((await p.db.select({ s: assignment.status }).from(assignment).where(eq(assignment.batchId, fastBatch.id))).map((r) => r.s))).toEqual(new Set(['rejected']));
    const items = await p.db.select({ live: item.liveAssignments }).from(item).where(inArray(item.id, itemIds));
    expect(items.map((i) => i.live)).toEqual(itemIds.map(() => 0));
  });

  test('an honest labeller answering at a reader’s pace is accepted', async () => {
    honestBatch = await answerBatch(honest, scoringId, (a, i) => GOLD[a.textA] ?? (i % 2 ? 'match' : 'no_match'), { responses: seen });
    expect(honestBatch.assignments.filter((a) => GOLD[a.textA])).toHaveLength(1);
    expect(await scoreAt(p, honestBatch.id, 5)).toBe('accept');
    expect(await myBatch(honest, honestBatch.id)).toMatchObject({ status: 'accepted', reasons: [], decidedAt: expect.any(String) });
    expect(new Set((await p.db.select({ s: assignment.status }).from(assignment).where(eq(assignment.batchId, honestBatch.id))).map((r) => r.s))).toEqual(new Set(['accepted']));
    // Scoring again changes nothing.
    expect(await score(p, honestBatch.id)).toBeUndefined();
  });
});

describe('a batch with thin evidence waits', () => {
  test('no control, no peers yet and a doubtful pace: it stays submitted, with a deadline', async () => {
    ambBatch = await answerBatch(amb, waitingId, (_a, i) => (i ? 'no_match' : 'match'), { responses: seen });
    expect(await scoreAt(p, ambBatch.id, 1)).toBe('wait');
    const row = await batchRow(p, ambBatch.id);
    expect(row).toMatchObject({ status: 'submitted', decidedAt: null });
    expect(row.evidence).toMatchObject({ decision: 'wait', itemsAwaitingPeers: 2, goldTotal: 0, peerItems: 0 });
    expect(row.posteriorSpam).toBeGreaterThan(0.3);
    expect(row.posteriorSpam).toBeLessThan(0.9);
    expect(await myBatch(amb, ambBatch.id)).toMatchObject({ status: 'submitted', reasons: [] });
    // Scored again at the latest when the project's 60 minutes run out.
    const delays = (await scoreJobs(p, ambBatch.id)).map((j) => j.delay);
    expect(Math.max(...delays)).toBeGreaterThan(59 * 60_000);
    // No decision, so no reliability estimate yet.
    expect(await labellerOf(waitingId, ids['rl-amb']!)).toMatchObject({ trend: [], batches: { open: 0, waiting: 1, accepted: 0, rejected: 0, expired: 0 } });
    expect(await score(p, ambBatch.id)).toBe('wait');
  });

  test('a peer’s submit re-scores it, and with the peers’ answers it is decided', async () => {
    await clearJobs(p);
    const answers = new Map(ambBatch.assignments.map((a, i) => [a.textA, i ? 'no_match' : 'match']));
    const peerBatch = await answerBatch(peer, waitingId, (a) => answers.get(a.textA)!, { responses: seen });
    expect(peerBatch.assignments.map((a) => a.textA).sort()).toEqual([...answers.keys()].sort());
    expect(await scoreJobs(p, ambBatch.id)).toHaveLength(1);
    expect(await scoreAt(p, peerBatch.id, 5)).toBe('accept');
    const decision = await score(p, ambBatch.id);
    const row = await batchRow(p, ambBatch.id);
    expect(row.evidence).toMatchObject({ decision, itemsAwaitingPeers: 0, peerItems: 2, peerAgreement: 1 });
    // Nothing more can come: decided at even odds.
    expect(row.status).toBe(row.posteriorSpam! >= 0.5 ? 'rejected' : 'accepted');
    expect((await labellerOf(waitingId, ids['rl-amb']!)).trend).toHaveLength(1);
  });

  test('a batch whose wait ran out is decided on the evidence there is', async () => {
    const late = await p.login('rl-late@t.test');
    const projectId = await projectWithItems(p, engineer, ['rl-late@t.test'], { overlap: 2, batchSize: 2, goldRatio: 0, maxWaitMinutes: 1 }, [pair(1), pair(2)]);
    const b = await answerBatch(late, projectId, (_a, i) => (i ? 'no_match' : 'match'));
    expect(await scoreAt(p, b.id, 1)).toBe('wait');
    await p.db.update(batch).set({ submittedAt: new Date(Date.now() - 61_000) }).where(eq(batch.id, b.id));
    const decision = await score(p, b.id);
    expect(decision).not.toBe('wait');
    const row = await batchRow(p, b.id);
    expect(row.status).toBe(decision === 'accept' ? 'accepted' : 'rejected');
    expect(row.evidence).toMatchObject({ decision, itemsAwaitingPeers: 2 });
    expect((row.evidence as { waitedSeconds: number }).waitedSeconds).toBeGreaterThanOrEqual(60);
  });

  test('with maxWaitMinutes 0 nothing waits', async () => {
    const eager = await p.login('rl-eager@t.test');
    const projectId = await projectWithItems(p, engineer, ['rl-eager@t.test'], { overlap: 2, batchSize: 2, goldRatio: 0, maxWaitMinutes: 0 }, [pair(1), pair(2)]);
    const b = await answerBatch(eager, projectId, (_a, i) => (i ? 'no_match' : 'match'));
    const decision = await scoreAt(p, b.id, 1);
    expect(['accept', 'reject']).toContain(decision);
    expect((await batchRow(p, b.id)).evidence).toMatchObject({ decision, itemsAwaitingPeers: 2 });
  });
});

describe('GET /projects/:projectId/batches', () => {
  const list = async (query = '') => ((await engineer.get(`${API}/projects/${scoringId}/batches${query}`).expect(200)).body.batches as { id: string }[]).map((b) => b.id);

  test('lists the project’s batches with labeller, posterior and evidence; filters by status and labeller', async () => {
    const res = await engineer.get(`${API}/projects/${scoringId}/batches`).expect(200);
    expect(res.body.batches.map((b: { id: string }) => b.id).sort()).toEqual([fastBatch.id, honestBatch.id].sort());
    const rejected = res.body.batches.find((b: { id: string }) => b.id === fastBatch.id);
    expect(rejected).toMatchObject({ status: 'rejected', itemCount: 4, labeller: { id: ids['rl-fast'], email: 'rl-fast@t.test', displayName: 'rl-fast' }, posteriorSpam: expect.any(Number), evidence: expect.any(Object), override: null, appealMessage: null, appeal: null });
    expect(await list('?status=rejected')).toEqual([fastBatch.id]);
    expect(await list('?status=accepted')).toEqual([honestBatch.id]);
    expect(await list(`?labellerId=${ids['rl-honest']}`)).toEqual([honestBatch.id]);
    expect(await list(`?status=accepted&labellerId=${ids['rl-fast']}`)).toEqual([]);
    expect(await list('?status=submitted')).toEqual([]);
    expect(await list('?status=all')).toHaveLength(2);
  });

  test('400 naming the field; 404 for another engineer or project; 403 for labellers and experts; 401', async () => {
    const url = `${API}/projects/${scoringId}/batches`;
    expectError(await engineer.get(`${url}?status=waiting`), 400, 'bad_request', 'status');
    expectError(await engineer.get(`${url}?labellerId=rl-fast`), 400, 'bad_request', 'labellerId');
    expectError(await engineer.get(`${API}/projects/nope/batches`), 400, 'bad_request', 'projectId');
    expectError(await stranger.get(url), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${NOWHERE}/batches`), 404, 'not_found');
    expectError(await expert.get(url), 403, 'forbidden');
    expectError(await p.anonymous().get(url), 401, 'unauthenticated');
    // A labeller POSTs here for work; reading the list is for engineers.
    expectError(await fast.get(url), 403, 'forbidden');
  });
});

describe('GET /batches/:batchId/evidence', () => {
  test('every figure behind a rejection, and behind an acceptance', async () => {
    const { body } = await engineer.get(`${API}/batches/${fastBatch.id}/evidence`).expect(200);
    expect(body.batch.posteriorSpam).toBeGreaterThanOrEqual(0.9);
    expect(body.batch.evidence).toMatchObject({ decision: 'reject', priorSpam: expect.any(Number), logLikelihoodRatio: expect.any(Number), items: 4, goldTotal: 1, goldCorrect: expect.any(Number), medianExpectedSeconds: expect.any(Number), fastShare: 1, reasons: body.batch.reasons });
    const ev = body.batch.evidence;
    expect(ev.posteriorSpam).toBeCloseTo(body.batch.posteriorSpam, 5);
    expect(ev.medianSeconds).toBeLessThan(1);
    expect(ev.medianExpectedSeconds).toBeGreaterThan(3);
    expect(Object.keys(ev.components).sort()).toEqual(['gold', 'pattern', 'peers', 'time']);
    expect(ev.components.time).toBeGreaterThan(3);
    const sum = ev.components.gold + ev.components.peers + ev.components.time + ev.components.pattern;
    expect(sum).toBeCloseTo(ev.logLikelihoodRatio, 6);
    const ok = (await engineer.get(`${API}/batches/${honestBatch.id}/evidence`).expect(200)).body.batch;
    expect(ok.posteriorSpam).toBeLessThanOrEqual(0.3);
    expect(ok.evidence).toMatchObject({ decision: 'accept', goldTotal: 1, goldCorrect: 1, medianSeconds: 5, fastShare: 0 });
  });

  test('404 for another engineer or no batch; 403 for labellers, even the owner; 401; 400 batchId', async () => {
    const url = `${API}/batches/${fastBatch.id}/evidence`;
    expectError(await stranger.get(url), 404, 'not_found');
    expectError(await engineer.get(`${API}/batches/${NOWHERE}/evidence`), 404, 'not_found');
    expectError(await fast.get(url), 403, 'forbidden');
    expectError(await expert.get(url), 403, 'forbidden');
    expectError(await p.anonymous().get(url), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/batches/b-1/evidence`), 400, 'bad_request', 'batchId');
  });
});

describe('what a labeller sees', () => {
  test('no response names gold or control items, scoring figures, or other labellers and their answers', async () => {
    const byLabeller: [Agent, string, LabellerBatch[]][] = [[fast, 'rl-fast', [fastBatch]], [honest, 'rl-honest', [honestBatch]], [amb, 'rl-amb', [ambBatch]]];
    for (const [agent, , batches] of byLabeller) for (const b of batches) seen.push((await agent.get(`${API}/batches/${b.id}`).expect(200)).body, (await agent.get(`${API}/me/batches`).expect(200)).body);
    const itemIds = (await p.db.select({ id: item.id }).from(item)).map((r) => r.id);
    const people = Object.entries(ids).flatMap(([name, id]) => [id, `${name}@t.test`]);
    for (const body of seen) expectNothingSecret(body, [...itemIds, ...people]);
    // A batch shows its owner's own answers only: the peer answered amb's pairs too.
    const view = (await amb.get(`${API}/batches/${ambBatch.id}`).expect(200)).body.batch;
    const mine = await p.db.select({ assignmentId: label.assignmentId, value: label.value }).from(label).where(eq(label.batchId, ambBatch.id));
    expect(view.assignments.map((a: { id: string; label: string }) => [a.id, a.label]).sort()).toEqual(mine.map((l) => [l.assignmentId, l.value]).sort());
    expect(Object.keys(view.assignments[0]).sort()).toEqual(['id', 'label', 'position', 'textA', 'textB']);
  });
});
