import { and, desc, eq, sql } from 'drizzle-orm';
import { selectionScore } from '@quorum/core';
import { project, projectMember, sample, user } from '@quorum/db';
import type { TUser } from '@quorum/contracts';
import { updateProject } from '../../src/project-update';
import { poolHistogram, poolView, recomputePoolUncertainty, RECOMPUTE_PAGE, selectItems } from '../../src/selection';
import { crowdWorld, distinctPair, existingItem, poolProject, poolSamples } from './pool-fixtures';

// A strategy change re-scores the pool (in pages, idempotently); the engineer's pool view.
let w: Awaited<ReturnType<typeof crowdWorld>>;
let engineer: TUser;
beforeAll(async () => {
  w = await crowdWorld();
  const [u] = await w.db.insert(user).values({ email: 'pool-eng@t.test', displayName: 'Eng', passwordHash: 'x', role: 'engineer' }).returning();
  engineer = { id: u!.id, email: u!.email, displayName: u!.displayName, role: 'engineer' };
});
afterAll(async () => w.close());

const member = async (projectId: string) => w.db.insert(projectMember).values({ projectId, userId: engineer.id });
const p = (m: number) => ({ match: m, no_match: 1 - m });

test('changing the strategy enqueues a re-score that recomputes every pooled sample, in pages, idempotently', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 1 });
  await member(projectId);
  // Confident passes that disagree (high BALD, middling entropy of the mean) against passes
  // that agree on 0.5 (maximal entropy, zero BALD): the strategies rank them oppositely.
  const disagree = [p(1), p(0), p(1), p(0.1)];
  const agree = [p(0.5), p(0.5), p(0.5), p(0.5)];
  const n = RECOMPUTE_PAGE + 7;
  const specs = Array.from({ length: n }, (_, i) => {
    const predictions = i % 2 === 0 ? disagree : agree;
    const probs = i % 2 === 0 ? p(0.525) : p(0.5);
    return { externalId: `r-${String(i).padStart(6, '0')}`, ...distinctPair(i % 1900), probs, predictions, uncertainty: selectionScore('entropy', { probs }) };
  });
  // Distinct pair texts for the test's purpose; near-duplicates do not matter to re-scoring.
  await w.db.insert(sample).values(
    specs.map((s) => ({ projectId, externalId: s.externalId, textA: `${s.textA} #${s.externalId}`, textB: s.textB, modelProbs: s.probs, predictions: s.predictions, modelConfidence: 0.5, uncertainty: s.uncertainty })),
  );
  // One sample already selected keeps the score it was selected with.
  await selectItems(w.ctx, projectId);
  const [selected] = await w.db.select().from(sample).where(eq(sample.pooled, false));

  w.jobs.length = 0;
  const updated = await updateProject(w.ctx, engineer, projectId, { selectionStrategy: 'bald' });
  expect(updated).toMatchObject({ id: projectId, selectionStrategy: 'bald' });
  expect(w.jobs).toEqual([{ name: 'recompute-uncertainty', payload: { projectId }, opts: { dedupeId: `recompute-uncertainty-${projectId}` } }]);

  const first = await recomputePoolUncertainty(w.ctx, projectId);
  expect(first).toMatchObject({ strategy: 'bald', scanned: n - 1, invalid: 0, passes: 1 });
  expect(first.changed).toBe(n - 1);
  const rows = await w.db.select().from(sample).where(eq(sample.projectId, projectId));
  for (const r of rows.filter((x) => x.pooled)) {
    expect(r.uncertainty).toBeCloseTo(selectionScore('bald', { probs: r.modelProbs, passes: r.predictions }), 5);
  }
  expect(rows.find((r) => r.id === selected!.id)!.uncertainty).toBe(selected!.uncertainty);
  // The top of the pool is now the disagreeing passes, which entropy ranked last.
  const top = await w.db.select().from(sample).where(and(eq(sample.projectId, projectId), eq(sample.pooled, true))).orderBy(desc(sample.uncertainty)).limit(10);
  expect(top.every((r) => r.predictions?.[1]?.match === 0)).toBe(true);
  // Then it tops up (the strategy change held selection back until now).
  expect(w.jobs.at(-1)).toMatchObject({ name: 'select-items', payload: { projectId } });

  const again = await recomputePoolUncertainty(w.ctx, projectId);
  expect(again).toMatchObject({ scanned: n - 1, changed: 0 });

  // Setting the same strategy again is not a change: nothing to re-score.
  w.jobs.length = 0;
  await updateProject(w.ctx, engineer, projectId, { selectionStrategy: 'bald' });
  expect(w.jobs).toEqual([]);
});

test('updateProject checks each field, leaves the rest alone, and keeps strangers out', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 5, overlap: 3 });
  await member(projectId);
  await expect(updateProject(w.ctx, engineer, projectId, { selectPerRun: 0 })).rejects.toMatchObject({ code: 'bad_request', field: 'selectPerRun' });
  await expect(updateProject(w.ctx, engineer, projectId, { selectionStrategy: 'random' })).rejects.toMatchObject({ code: 'bad_request', field: 'selectionStrategy' });
  await expect(updateProject(w.ctx, engineer, projectId, { labels: ['a', 'b'] })).rejects.toMatchObject({ code: 'bad_request', field: 'labels' });
  await expect(updateProject(w.ctx, engineer, projectId, { acceptBelow: 0.5, rejectAbove: 0.5 })).rejects.toMatchObject({ code: 'bad_request', field: 'acceptBelow' });
  await expect(updateProject(w.ctx, engineer, projectId, { overlapp: 4 })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('overlapp') });
  const [stranger] = await w.db.insert(user).values({ email: 'pool-str@t.test', displayName: 'S', passwordHash: 'x', role: 'engineer' }).returning();
  await expect(updateProject(w.ctx, { id: stranger!.id, email: stranger!.email, displayName: 'S', role: 'engineer' }, projectId, { openItemBudget: 9 })).rejects.toMatchObject({ code: 'not_found' });

  w.jobs.length = 0;
  const updated = await updateProject(w.ctx, engineer, projectId, { openItemBudget: 50, selectPerRun: 20 });
  expect(updated).toMatchObject({ openItemBudget: 50, selectPerRun: 20, overlap: 3, selectionStrategy: 'entropy' });
  // More room: top up now rather than at the next scheduled run.
  expect(w.jobs).toEqual([{ name: 'select-items', payload: { projectId }, opts: { dedupeId: `select-items-${projectId}` } }]);
  const [row] = await w.db.select().from(project).where(eq(project.id, projectId));
  expect(row).toMatchObject({ openItemBudget: 50, selectPerRun: 20, overlap: 3 });
});

test('the pool view: counts, skipped by reason, a 20-bin histogram of the pool, recent selections paged', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 3, selectionStrategy: 'least_confidence' });
  await member(projectId);
  await existingItem(w.db, projectId, { externalId: 'g', ...distinctPair(0), status: 'gold' });
  await poolSamples(w.db, projectId, [
    { externalId: 'dup', ...distinctPair(0), uncertainty: 0.99 },
    ...[0, 0.04, 0.05, 0.5, 0.51, 0.97, 1, 0.3].map((u, i) => ({ externalId: `u-${i}`, ...distinctPair(i + 1), uncertainty: u })),
  ]);
  await selectItems(w.ctx, projectId);
  const view = await poolView(w.ctx, engineer, projectId, { page: 1, pageSize: 2 });
  expect(view).toMatchObject({ strategy: 'least_confidence', pooled: 5, selected: 3, open: 3, openItemBudget: 3, selectPerRun: 500, skipped: { duplicate_pair: 1, near_duplicate: 0 }, total: 3, page: 1, pageSize: 2 });
  expect(view.histogram).toHaveLength(20);
  expect(view.histogram[0]).toEqual({ from: 0, to: 0.05, count: 2 });
  expect(view.histogram[1]).toMatchObject({ from: 0.05, count: 1 });
  expect(view.histogram.reduce((s, b) => s + b.count, 0)).toBe(5);
  // Selected: 1, 0.97 and 0.51 (the 0.99 duplicate of the gold item was skipped); left in the pool: 0.5, 0.3, 0.05, 0.04, 0.
  expect(view.histogram[10]!.count).toBe(1);
  expect(view.histogram[19]!.count).toBe(0);
  expect(view.recent).toHaveLength(2);
  expect(view.recent[0]).toEqual({ itemId: expect.any(String), externalId: expect.stringMatching(/^u-/), strategy: 'least_confidence', score: expect.any(Number), selectedAt: expect.any(String) });
  const page2 = await poolView(w.ctx, engineer, projectId, { page: 2, pageSize: 2 });
  expect(page2.recent).toHaveLength(1);
  expect(new Set([...view.recent, ...page2.recent].map((r) => r.score))).toEqual(new Set([1, 0.97, 0.51]));
  expect((await poolView(w.ctx, engineer, projectId, { page: 9, pageSize: 2 })).total).toBe(3);
});

test('the histogram bins exactly as width_bucket(u, 0, 1, 20) does, 1 in the last bin', async () => {
  const projectId = await poolProject(w.db);
  const scores = [0, 1e-7, 0.05, 0.0499999, 0.15, 0.35, 0.3500001, 0.5, 0.7, 0.95, 0.9999999, 1, 1, 0.25];
  await poolSamples(w.db, projectId, scores.map((u, i) => ({ externalId: `h-${i}`, ...distinctPair(i), uncertainty: u })));
  const expected = new Array<number>(20).fill(0);
  const r = await w.db.execute<{ b: number; n: number }>(sql`
    select least(width_bucket(uncertainty, 0, 1, 20), 20) as b, count(*)::int as n from sample where project_id = ${projectId} and pooled group by 1`);
  for (const row of r.rows) expected[row.b - 1] = row.n;
  expect((await poolHistogram(w.db, projectId)).map((b) => b.count)).toEqual(expected);
  // 1, 1 and 0.9999999 (which a real stores as 1); 0.95 is stored just below 0.95, in bin 19.
  expect(expected[19]).toBe(3);
  expect(expected[18]).toBe(1);
});
