import { eq, sql } from 'drizzle-orm';
import { jobIds, rooms, type DomainEvent } from '@quorum/contracts';
import { aggregate, aggregationModel, datasetRow, datasetVersion, goldAnswer, item, project, review, sample, user } from '@quorum/db';
import { aggregateItem, enqueueStaleReaggregations, reaggregateProject, type ReaggregateResult } from '../src/aggregation';
import { MODEL_WRITE_TOLERANCE } from '../src/aggregation/model-store';
import { crowdProject, crowdWorld, itemRow, itemWithVotes, labellers, type CrowdWorld, type Vote } from './support/crowd-fixtures';

// Re-aggregation on a real database. The crowd: g1–g3 always right, b1 and b2 always wrong (an
// adversary a vote follows). Twenty gold items everyone answered and five items an expert
// settled teach the fit who is who; then items decided by the old posterior move where the
// fitted model puts them, and items someone has fixed stay as they are.

let w: CrowdWorld;
let who: Record<string, string>;
let expertId: string;
beforeAll(async () => {
  w = await crowdWorld();
  who = await labellers(w.db, ['g1', 'g2', 'g3', 'b1', 'b2', 'b3']);
  const [x] = await w.db.insert(user).values({ email: 'expert@t.test', displayName: 'Expert', passwordHash: 'x', role: 'expert' }).returning();
  expertId = x!.id;
});
afterAll(async () => w.close());

const other = (l: string) => (l === 'match' ? 'no_match' : 'match');
/** Goods answer the truth, bads the other label. */
const answers = (truth: string, names: string[]): Vote[] => names.map((n) => [who[n]!, n.startsWith('g') ? truth : other(truth)]);
const aggregateOf = async (itemId: string) => (await w.db.select().from(aggregate).where(eq(aggregate.itemId, itemId)))[0]!;
const reviewOf = async (itemId: string) => (await w.db.select().from(review).where(eq(review.itemId, itemId)))[0];
const run = async (projectId: string) => (await reaggregateProject(w.ctx, projectId, { force: true })) as ReaggregateResult;

async function withGold(projectId: string, names: string[], controls = 20, settledByExpert = 5) {
  for (let i = 0; i < controls; i++) {
    const truth = i % 2 ? 'match' : 'no_match';
    await itemWithVotes(w.db, projectId, answers(truth, names), { gold: truth });
  }
  for (let i = 0; i < settledByExpert; i++) {
    const truth = i % 2 ? 'no_match' : 'match';
    const id = await itemWithVotes(w.db, projectId, answers(truth, names));
    await aggregateItem(w.ctx, id);
    await settleAsExpert(id, { decision: 'label', label: truth });
  }
}

async function settleAsExpert(itemId: string, d: { decision: 'label' | 'ambiguous'; label?: string }) {
  const now = new Date();
  await w.db.update(review).set({ status: 'settled', decision: d.decision, label: d.label ?? null, settledBy: expertId, settledAt: now }).where(eq(review.itemId, itemId));
  if (d.label) {
    await w.db.update(item).set({ status: 'settled', finalLabel: d.label, decidedBy: 'expert', settledAt: now }).where(eq(item.id, itemId));
    await w.db.insert(goldAnswer).values({ itemId, label: d.label, source: 'expert' });
  } else {
    await w.db.update(item).set({ status: 'excluded', decidedBy: 'expert', settledAt: now }).where(eq(item.id, itemId));
  }
}

async function merge(projectId: string, itemId: string) {
  const [v] = await w.db.insert(datasetVersion).values({ projectId, number: 1, contentHash: 'x', rowCount: 1, addedCount: 1, report: {}, status: 'approved' }).returning();
  const it = await itemRow(w.db, itemId);
  const [s] = await w.db.select().from(sample).where(eq(sample.id, it.sampleId));
  await w.db.insert(datasetRow).values({ projectId, itemId, versionId: v!.id, validFrom: 1, sampleId: s!.id, externalId: s!.externalId, textA: s!.textA, textB: s!.textB, label: it.finalLabel!, decidedBy: 'crowd', provenance: {} });
}

describe('re-aggregating a project', () => {
  let projectId: string;
  type Key = 'flip' | 'wrongByVote' | 'claimed' | 'excluded' | 'byExpert' | 'merged' | 'sure';
  const it = {} as Record<Key, string>;
  let before: Record<Key, typeof aggregate.$inferSelect>;
  let queuedBefore: string;
  let first: ReaggregateResult;
  let events: DomainEvent[];

  beforeAll(async () => {
    projectId = await crowdProject(w.db);
    // Decided before any fit, every labeller at the default accuracy:
    // flip: the good says match, both adversaries agree with them: 3–0, settled as match; the
    //   fit knows two agreeing adversaries mean no_match.
    it.flip = await itemWithVotes(w.db, projectId, [[who.g1!, 'match'], [who.g2!, 'match'], [who.b1!, 'match'], [who.b2!, 'match']]);
    // wrongByVote: truth match, the two adversaries outvote the good one: 2–1, escalated.
    it.wrongByVote = await itemWithVotes(w.db, projectId, answers('match', ['g1', 'b1', 'b2']));
    it.claimed = await itemWithVotes(w.db, projectId, answers('match', ['g2', 'b1', 'b2']));
    it.excluded = await itemWithVotes(w.db, projectId, answers('match', ['g3', 'b1', 'b2']));
    it.byExpert = await itemWithVotes(w.db, projectId, answers('no_match', ['g1', 'b1', 'b2']));
    it.merged = await itemWithVotes(w.db, projectId, [[who.g3!, 'match'], [who.g1!, 'match'], [who.b1!, 'match'], [who.b2!, 'match']]);
    it.sure = await itemWithVotes(w.db, projectId, answers('no_match', ['g1', 'g2', 'g3']));
    for (const id of Object.values(it)) await aggregateItem(w.ctx, id);
    expect((await itemRow(w.db, it.flip)).status).toBe('settled');
    expect((await itemRow(w.db, it.wrongByVote)).status).toBe('escalated');
    await w.db.update(review).set({ status: 'claimed', claimedBy: expertId, claimExpiresAt: new Date(Date.now() + 600_000) }).where(eq(review.itemId, it.claimed));
    await settleAsExpert(it.excluded, { decision: 'ambiguous' });
    await settleAsExpert(it.byExpert, { decision: 'label', label: 'no_match' });
    await merge(projectId, it.merged);
    await withGold(projectId, ['g1', 'g2', 'g3', 'b1', 'b2']);
    queuedBefore = (await reviewOf(it.wrongByVote))!.id;
    before = Object.fromEntries(await Promise.all(Object.entries(it).map(async ([k, id]) => [k, await aggregateOf(id)]))) as typeof before;
    w.events.length = 0;
    first = await run(projectId);
    // The stage counts follow the commit, unawaited (publishStageCountsLater).
    for (let k = 0; k < 100 && !w.events.some((e) => e.name === 'stats:updated'); k++) await new Promise((r) => setTimeout(r, 50));
    events = [...w.events];
  });

  test('fits on every accepted label, the answers on controls and on expert-settled items included', async () => {
    const [m] = await w.db.select().from(aggregationModel).where(eq(aggregationModel.projectId, projectId));
    // 6 crowd items (20 labels; the excluded item's 3 are left out) + 20 controls × 5 + 6 items an
    // expert settled × 5 … the byExpert item's 3: every known answer clamped.
    expect(first).toMatchObject({ labels: 20 + 100 + 25, goldItems: 20 + 5 + 1, converged: true });
    expect(m).toMatchObject({ method: 'dawid-skene', labels: ['match', 'no_match'], labelsFitted: 145, goldItems: 26 });
    expect(m!.labellers[who.b1!]!.accuracy).toBeLessThan(0.15);
    expect(m!.labellers[who.g1!]!.accuracy).toBeGreaterThan(0.85);
    expect(m!.labellers[who.g1!]!.labels).toBe(5 + 20 + 5);
    expect(m!.pooledConfusion).toHaveLength(2);
  });

  test('an item majority vote got wrong settles on the right label; its queued review leaves the queue', async () => {
    expect(await itemRow(w.db, it.wrongByVote)).toMatchObject({ status: 'settled', finalLabel: 'match', decidedBy: 'crowd' });
    expect(await reviewOf(it.wrongByVote)).toBeUndefined();
    const agg = await aggregateOf(it.wrongByVote);
    expect(agg).toMatchObject({ outcome: 'settled', winner: 'match', votes: { match: 1, no_match: 2 } });
    expect(agg.posterior.match).toBeGreaterThan(0.99);
    // Written with the posterior: what the next run compares.
    expect(agg.topPosterior).toBeCloseTo(Math.max(agg.posterior.match!, agg.posterior.no_match!), 6);
    expect(events).toContainEqual({ name: 'review:changed', room: rooms.experts(projectId), payload: { projectId, reviewId: queuedBefore, status: 'settled', claimedBy: null } });
  });

  test('a settled item the model doubts is escalated and queued for review', async () => {
    expect(await itemRow(w.db, it.flip)).toMatchObject({ status: 'escalated', finalLabel: null, decidedBy: null });
    const r = await reviewOf(it.flip);
    expect(r).toMatchObject({ status: 'queued' });
    expect((await aggregateOf(it.flip)).outcome).toBe('escalated');
    expect(events).toContainEqual({ name: 'review:changed', room: rooms.experts(projectId), payload: { projectId, reviewId: r!.id, status: 'queued', claimedBy: null } });
    expect(events.some((e) => e.name === 'stats:updated')).toBe(true);
    expect(first).toMatchObject({ toEscalated: 1, toSettled: 1 });
  });

  test('never touches items an expert claimed, settled or excluded, nor items in a dataset version', async () => {
    for (const k of ['claimed', 'byExpert', 'excluded', 'merged'] as const) expect(await aggregateOf(it[k])).toEqual(before[k]);
    expect(await itemRow(w.db, it.claimed)).toMatchObject({ status: 'escalated' });
    expect(await reviewOf(it.claimed)).toMatchObject({ status: 'claimed', claimedBy: expertId });
    expect(await itemRow(w.db, it.byExpert)).toMatchObject({ status: 'settled', decidedBy: 'expert', finalLabel: 'no_match' });
    expect(await itemRow(w.db, it.excluded)).toMatchObject({ status: 'excluded' });
    expect(await itemRow(w.db, it.merged)).toMatchObject({ status: 'settled', decidedBy: 'crowd', finalLabel: 'match' });
  });

  test('a settled item whose posterior moved keeps its outcome and gets the new figures', async () => {
    expect(await itemRow(w.db, it.sure)).toMatchObject({ status: 'settled', finalLabel: 'no_match' });
    const agg = await aggregateOf(it.sure);
    expect(agg.posterior.no_match).toBeGreaterThan(before.sure.posterior.no_match!);
    expect(agg.computedAt.getTime()).toBeGreaterThan(before.sure.computedAt.getTime());
  });

  test('is idempotent: a second run on the same labels writes nothing and says nothing', async () => {
    const after = Object.fromEntries(await Promise.all(Object.entries(it).map(async ([k, id]) => [k, await aggregateOf(id)])));
    w.events.length = 0;
    const second = await run(projectId);
    expect(second).toMatchObject({ changed: 0, aggregates: 0, toEscalated: 0, toSettled: 0, relabelled: 0 });
    expect(w.events).toEqual([]);
    for (const [k, id] of Object.entries(it)) expect(await aggregateOf(id)).toEqual(after[k]);
    // Without `force`, a model that has seen every label is not refitted at all.
    expect(await reaggregateProject(w.ctx, projectId, { scheduled: true })).toEqual({ projectId, skipped: 'the model has seen every label' });
  });

  test('a refit that moves no probability by more than MODEL_WRITE_TOLERANCE leaves the stored confusions alone', async () => {
    const model = async () => (await w.db.select().from(aggregationModel).where(eq(aggregationModel.projectId, projectId)))[0]!;
    const g1 = (await model()).labellers[who.g1!]!;
    const nudge = async (by: number) => {
      const m = await model();
      await w.db
        .update(aggregationModel)
        .set({ labellers: { ...m.labellers, [who.g1!]: { ...g1, accuracy: g1.accuracy + by } }, iterations: 999 })
        .where(eq(aggregationModel.projectId, projectId));
    };
    // Within the tolerance: the fit's own figures are written, the labellers are not.
    await nudge(MODEL_WRITE_TOLERANCE / 2);
    await run(projectId);
    expect((await model()).iterations).toBeLessThan(999);
    expect((await model()).labellers[who.g1!]!.accuracy).toBe(g1.accuracy + MODEL_WRITE_TOLERANCE / 2);
    // Beyond it: the whole model is written again.
    await nudge(0.01);
    await run(projectId);
    expect(Math.abs((await model()).labellers[who.g1!]!.accuracy - g1.accuracy)).toBeLessThan(MODEL_WRITE_TOLERANCE);
  });

  test('and back: at a threshold the doubted item now meets, it settles and leaves the queue', async () => {
    const r = await reviewOf(it.flip);
    await w.db.update(project).set({ escalateBelowPosterior: 0.5 }).where(eq(project.id, projectId));
    w.events.length = 0;
    const again = await run(projectId);
    expect(again.toSettled).toBe(1);
    expect(await itemRow(w.db, it.flip)).toMatchObject({ status: 'settled', decidedBy: 'crowd' });
    expect(await reviewOf(it.flip)).toBeUndefined();
    expect(w.events).toContainEqual({ name: 'review:changed', room: rooms.experts(projectId), payload: { projectId, reviewId: r!.id, status: 'settled', claimedBy: null } });
    // The claimed item would settle too, but its expert holds it.
    expect(await itemRow(w.db, it.claimed)).toMatchObject({ status: 'escalated' });
  });
});

describe('the fit needs the known answers', () => {
  // Three adversaries against two good labellers: every item's vote is wrong, and the labels
  // alone fit "the three are right" as well as the truth. Known answers decide which way round.
  async function adversarialMajority(gold: boolean) {
    const p = await crowdProject(w.db);
    const items: [string, string][] = [];
    for (let i = 0; i < 12; i++) {
      const truth = i % 3 ? 'match' : 'no_match';
      items.push([await itemWithVotes(w.db, p, answers(truth, ['g1', 'g2', 'b1', 'b2', 'b3'])), truth]);
    }
    for (const [id] of items) expect(await aggregateItem(w.ctx, id)).toBe('escalated');
    if (gold) await withGold(p, ['g1', 'g2', 'b1', 'b2', 'b3'], 6, 2);
    await run(p);
    const rows = await Promise.all(items.map(async ([id, truth]) => ({ row: await itemRow(w.db, id), truth })));
    return rows.filter((r) => r.row.status === 'settled' && r.row.finalLabel === r.truth).length;
  }

  test('with controls and expert answers every item settles on the truth; without, none does', async () => {
    expect(await adversarialMajority(true)).toBe(12);
    expect(await adversarialMajority(false)).toBe(0);
  });
});

test('the schedule enqueues a refit for projects with labels newer than their model, and only those', async () => {
  const p = await crowdProject(w.db);
  const id = await itemWithVotes(w.db, p, answers('match', ['g1', 'g2', 'g3']));
  await aggregateItem(w.ctx, id);
  w.jobs.length = 0;
  await enqueueStaleReaggregations(w.ctx);
  expect(w.jobs.filter((j) => j.name === 'reaggregate-project' && j.payload.projectId === p)).toEqual([
    { name: 'reaggregate-project', payload: { projectId: p, scheduled: true }, opts: { dedupeId: jobIds.reaggregateProject(p) } },
  ]);
  await run(p);
  w.jobs.length = 0;
  await enqueueStaleReaggregations(w.ctx);
  expect(w.jobs.filter((j) => j.name === 'reaggregate-project' && j.payload.projectId === p)).toHaveLength(0);
  const [{ n }] = (await w.db.execute<{ n: number }>(sql`select count(*)::int as n from aggregation_model where project_id = ${p}`)).rows as [{ n: number }];
  expect(n).toBe(1);
  // A few new labels: the schedule refits, the threshold's job (asked for by every item aggregated
  // until a refit commits) does not.
  await itemWithVotes(w.db, p, answers('no_match', ['g1', 'g2', 'g3']));
  expect(await reaggregateProject(w.ctx, p)).toEqual({ projectId: p, skipped: 'fewer new labels than the threshold since the last fit' });
  expect(await reaggregateProject(w.ctx, p, { scheduled: true })).toMatchObject({ projectId: p, labels: 6 });
});

describe('running beside labelling and experts', () => {
  test('an item or review someone holds right now is left for the next run, without waiting for it', async () => {
    const p = await crowdProject(w.db);
    await withGold(p, ['g1', 'g2', 'b1', 'b2'], 10, 0);
    const held = await itemWithVotes(w.db, p, answers('match', ['g1', 'b1', 'b2']));
    const free = await itemWithVotes(w.db, p, answers('no_match', ['g2', 'b1', 'b2']));
    for (const id of [held, free]) expect(await aggregateItem(w.ctx, id)).toBe('escalated');
    // An expert's claim in flight: the review row is locked by a transaction that has not committed.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const claim = w.db.transaction(async (tx) => {
      await tx.select().from(review).where(eq(review.itemId, held)).for('update');
      locked();
      await released;
    });
    await isLocked;
    const first = await run(p);
    release();
    await claim;
    expect(first.toSettled).toBe(1);
    expect(await itemRow(w.db, free)).toMatchObject({ status: 'settled', finalLabel: 'no_match' });
    expect(await itemRow(w.db, held)).toMatchObject({ status: 'escalated' });
    expect((await aggregateOf(held)).outcome).toBe('escalated');
    // Next run: nobody holds it any more.
    expect((await run(p)).toSettled).toBe(1);
    expect(await itemRow(w.db, held)).toMatchObject({ status: 'settled', finalLabel: 'match' });
  });

  test('a project without labels fits an empty model', async () => {
    const p = await crowdProject(w.db);
    expect(await run(p)).toMatchObject({ labels: 0, evaluated: 0, changed: 0 });
    const [m] = await w.db.select().from(aggregationModel).where(eq(aggregationModel.projectId, p));
    expect(m).toMatchObject({ labelsFitted: 0, labellers: {} });
  });
});
