import { eq } from 'drizzle-orm';
import { jobIds, rooms } from '@quorum/contracts';
import { aggregate, aggregationModel, item, review } from '@quorum/db';
import { aggregateItem, reaggregationThreshold } from '../src/aggregation';
import { reconcile } from '../src/reconcile';
import { crowdProject, crowdWorld, itemRow, itemWithVotes, labellers, type CrowdWorld, type Vote } from './support/crowd-fixtures';

// aggregateItem on a real database: the posterior under the project's model (or the default one
// before any fit), the threshold rule, what is stored, and when re-aggregation is asked for.

let w: CrowdWorld;
let who: Record<string, string>;
beforeAll(async () => {
  w = await crowdWorld();
  who = await labellers(w.db, ['a', 'b', 'c', 'd', 'e', 'f']);
});
afterAll(async () => w.close());

const split = (m: number, k: number): Vote[] => ['a', 'b', 'c', 'd', 'e'].slice(0, m + k).map((x, i) => [who[x]!, i < m ? 'match' : 'no_match']);
const stored = async (itemId: string) => (await w.db.select().from(aggregate).where(eq(aggregate.itemId, itemId)))[0]!;

describe('aggregateItem before any fit', () => {
  test('escalates by the winner’s posterior: 4–1 settles at 0.9 and escalates at 0.99; 3–2 escalates', async () => {
    const p90 = await crowdProject(w.db);
    const p99 = await crowdProject(w.db, { escalateBelowPosterior: 0.99 });
    const fourOne = await itemWithVotes(w.db, p90, split(4, 1));
    const threeTwo = await itemWithVotes(w.db, p90, split(3, 2));
    const strict = await itemWithVotes(w.db, p99, split(4, 1));
    expect(await aggregateItem(w.ctx, fourOne)).toBe('settled');
    expect(await aggregateItem(w.ctx, threeTwo)).toBe('escalated');
    expect(await aggregateItem(w.ctx, strict)).toBe('escalated');
    // Every labeller at the default 0.8: 4–1 is odds 4³ = 64 to 1.
    expect(await stored(fourOne)).toMatchObject({ method: 'dawid-skene', winner: 'match', outcome: 'settled', labelCount: 5, votes: { match: 4, no_match: 1 } });
    const agg = await stored(fourOne);
    expect(agg.posterior.match).toBeCloseTo(64 / 65, 6);
    expect(agg.topPosterior).toBeCloseTo(64 / 65, 6);
    expect(agg.agreement).toBeCloseTo(0.8, 6);
    // Disagreement is the posterior's entropy, lower than the votes' entropy beside it.
    expect(agg.disagreement).toBeCloseTo(-(64 / 65) * Math.log2(64 / 65) - (1 / 65) * Math.log2(1 / 65), 5);
    expect(agg.voteEntropy).toBeCloseTo(-0.8 * Math.log2(0.8) - 0.2 * Math.log2(0.2), 5);
    expect(await itemRow(w.db, fourOne)).toMatchObject({ status: 'settled', finalLabel: 'match', decidedBy: 'crowd' });
    const [r] = await w.db.select().from(review).where(eq(review.itemId, threeTwo));
    expect(r).toMatchObject({ status: 'queued' });
    expect(w.events).toContainEqual({ name: 'review:changed', room: rooms.experts(p90), payload: { projectId: p90, reviewId: r!.id, status: 'queued', claimedBy: null } });
  });

  test('a tie has no winner and escalates whatever the threshold', async () => {
    const p = await crowdProject(w.db, { escalateBelowPosterior: 0.5 });
    const tie = await itemWithVotes(w.db, p, split(1, 1));
    expect(await aggregateItem(w.ctx, tie)).toBe('escalated');
    expect(await stored(tie)).toMatchObject({ winner: null, outcome: 'escalated', disagreement: 1 });
  });

  test("'majority' decides by vote shares", async () => {
    const p = await crowdProject(w.db, { aggregationMethod: 'majority', escalateBelowPosterior: 0.8 });
    const fourOne = await itemWithVotes(w.db, p, split(4, 1));
    expect(await aggregateItem(w.ctx, fourOne)).toBe('settled');
    expect(await stored(fourOne)).toMatchObject({ method: 'majority', posterior: { match: 0.8, no_match: 0.2 } });
  });

  test('is idempotent: aggregated items and items short of labels are left alone', async () => {
    const p = await crowdProject(w.db, { overlap: 5 });
    const short = await itemWithVotes(w.db, p, split(2, 0));
    await w.db.update(item).set({ overlap: 5 }).where(eq(item.id, short));
    expect(await aggregateItem(w.ctx, short)).toBeNull();
    const done = await itemWithVotes(w.db, p, split(5, 0));
    expect(await aggregateItem(w.ctx, done)).toBe('settled');
    expect(await aggregateItem(w.ctx, done)).toBeNull();
  });
});

describe('aggregateItem with a fitted model', () => {
  test('labellers the model has not seen count as the pooled confusion', async () => {
    const p = await crowdProject(w.db);
    // The crowd has been measured as weak: right 60 % of the time. d and e are known and good.
    const weak = [[0.6, 0.4], [0.4, 0.6]];
    await w.db.insert(aggregationModel).values({
      projectId: p, method: 'dawid-skene', labels: ['match', 'no_match'], classPrior: [0.5, 0.5], pooledConfusion: weak,
      labellers: { [who.d!]: { confusion: [[0.95, 0.05], [0.05, 0.95]], accuracy: 0.95, labels: 300 }, [who.e!]: { confusion: [[0.95, 0.05], [0.05, 0.95]], accuracy: 0.95, labels: 300 } },
      labelsFitted: 100_000, goldItems: 0, iterations: 10, converged: true, fittedAt: new Date(), computedAt: new Date(),
    });
    // a, b, c unknown (0.6): 4–1 for match among unknowns is odds 1.5³ ≈ 3.4 → 0.77, escalated.
    const unknowns = await itemWithVotes(w.db, p, [[who.a!, 'match'], [who.b!, 'match'], [who.c!, 'match'], [who.f!, 'match'], [who.d!, 'no_match']]);
    expect(await aggregateItem(w.ctx, unknowns)).toBe('escalated');
    const odds = 1.5 ** 4 * (0.05 / 0.95);
    expect((await stored(unknowns)).posterior.match).toBeCloseTo(odds / (1 + odds), 6);
    // Two known good labellers outweigh three unknown ones.
    const known = await itemWithVotes(w.db, p, [[who.a!, 'match'], [who.b!, 'match'], [who.c!, 'match'], [who.d!, 'no_match'], [who.e!, 'no_match']]);
    expect(await aggregateItem(w.ctx, known)).toBe('settled');
    expect(await itemRow(w.db, known)).toMatchObject({ finalLabel: 'no_match' });
  });
});

describe('the re-aggregation trigger', () => {
  test(`enqueues reaggregate-project (deduplicated) once ${reaggregationThreshold(0)} labels were accepted since the last fit`, async () => {
    const p = await crowdProject(w.db);
    const items: string[] = [];
    // 39 items × 5 = 195 labels: below the threshold of 200.
    for (let i = 0; i < 39; i++) items.push(await itemWithVotes(w.db, p, split(5, 0)));
    w.jobs.length = 0;
    await aggregateItem(w.ctx, items[0]!);
    expect(w.jobs.map((j) => j.name)).not.toContain('reaggregate-project');
    items.push(await itemWithVotes(w.db, p, split(5, 0)));
    await aggregateItem(w.ctx, items[1]!);
    const job = { name: 'reaggregate-project', payload: { projectId: p }, opts: { dedupeId: jobIds.reaggregateProject(p) } };
    expect(w.jobs).toContainEqual(job);
    // Lost from Redis, the reconciler finds it again from PostgreSQL.
    w.jobs.length = 0;
    expect((await reconcile(w.ctx)).reaggregate).toBeGreaterThanOrEqual(1);
    expect(w.jobs).toContainEqual(job);
    // A model fitted after those labels: nothing new, no job.
    await w.db.insert(aggregationModel).values({
      projectId: p, method: 'dawid-skene', labels: ['match', 'no_match'], classPrior: [0.5, 0.5], pooledConfusion: [[0.8, 0.2], [0.2, 0.8]], labellers: {},
      labelsFitted: 200, goldItems: 0, iterations: 3, converged: true, fittedAt: new Date(Date.now() + 1000), computedAt: new Date(),
    });
    w.jobs.length = 0;
    await aggregateItem(w.ctx, items[2]!);
    expect(w.jobs.map((j) => j.name)).toEqual(['select-items']);
  });

  test('the threshold is max(200, 10 % of the labels fitted)', () => {
    expect(reaggregationThreshold(0)).toBe(200);
    expect(reaggregationThreshold(1_000)).toBe(200);
    expect(reaggregationThreshold(1_000_000)).toBe(100_000);
  });
});
