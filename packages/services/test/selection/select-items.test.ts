import { and, asc, desc, eq } from 'drizzle-orm';
import { item, project, sample } from '@quorum/db';
import { enqueueDueSelections, projectsWithRoom, selectItems } from '../../src/selection';
import { crowdWorld, distinctPair, existingItem, poolProject, poolSamples } from './pool-fixtures';

// Selection on real PostgreSQL: budget and per-run cap, never a pair asked before, near-duplicates
// skipped with their reason, pages past a run of duplicates, the schedule's choice of projects.
let w: Awaited<ReturnType<typeof crowdWorld>>;
beforeAll(async () => {
  w = await crowdWorld();
});
afterAll(async () => w.close());

const itemsOf = (projectId: string) =>
  w.db.select({ sampleId: item.sampleId, status: item.status, strategy: item.selectionStrategy, score: item.selectionScore, overlap: item.overlap }).from(item).where(eq(item.projectId, projectId)).orderBy(desc(item.selectionScore));
const sampleRow = async (id: string) => (await w.db.select().from(sample).where(eq(sample.id, id)))[0]!;

test('fills the budget at most selectPerRun per run, the highest scores first, recording strategy and score', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 10, selectPerRun: 4, selectionStrategy: 'margin' });
  const ids = await poolSamples(w.db, projectId, Array.from({ length: 20 }, (_, n) => ({ externalId: `b-${n}`, ...distinctPair(n), uncertainty: 0.2 + n * 0.03 })));
  const byScore = [...ids].reverse();

  expect(await selectItems(w.ctx, projectId)).toEqual({ selected: 4, skipped: { duplicate_pair: 0, near_duplicate: 0 } });
  const first = await itemsOf(projectId);
  expect(first.map((i) => i.sampleId)).toEqual(byScore.slice(0, 4));
  expect(first[0]).toMatchObject({ status: 'labelling', strategy: 'margin', overlap: 3 });
  expect(first[0]!.score).toBeCloseTo(0.2 + 19 * 0.03, 5);
  // They left the pool (trigger item_unpools_sample), without a skip reason.
  expect(await sampleRow(byScore[0]!)).toMatchObject({ pooled: false, skipReason: null });
  expect(w.events.some((e) => e.name === 'work:available')).toBe(true);

  expect((await selectItems(w.ctx, projectId)).selected).toBe(4);
  // 8 open of 10: the budget, not the cap, limits this run.
  expect((await selectItems(w.ctx, projectId)).selected).toBe(2);
  expect((await selectItems(w.ctx, projectId)).selected).toBe(0);
  expect((await itemsOf(projectId)).map((i) => i.sampleId)).toEqual(byScore.slice(0, 10));

  // Items leaving 'labelling' make room again; settled or escalated items no longer count.
  const open = await w.db.select({ id: item.id }).from(item).where(eq(item.projectId, projectId)).orderBy(asc(item.id)).limit(3);
  for (const o of open) await w.db.update(item).set({ status: 'settled' }).where(eq(item.id, o.id));
  expect((await selectItems(w.ctx, projectId)).selected).toBe(3);
});

test('never selects a pair asked before, whatever the item status, nor the same pair twice in one run', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 100 });
  const statuses = ['labelling', 'escalated', 'settled', 'excluded', 'gold'] as const;
  for (const [i, status] of statuses.entries()) await existingItem(w.db, projectId, { externalId: `old-${status}`, ...distinctPair(i), status });
  // The same questions again, re-cased and re-spaced (normalised away), ranked at the top; one
  // stored without a pair key (computed from its texts); and a fresh pair asked twice in the pool.
  const again = await poolSamples(w.db, projectId, [
    ...statuses.map((status, i) => ({ externalId: `again-${status}`, textA: `  ${distinctPair(i).textA.toUpperCase()} `, textB: distinctPair(i).textB, uncertainty: 0.99 })),
    { externalId: 'again-unkeyed', ...distinctPair(2), uncertainty: 0.98, keyed: false },
    { externalId: 'fresh-1', ...distinctPair(50), uncertainty: 0.9 },
    { externalId: 'fresh-2', ...distinctPair(50), uncertainty: 0.8 },
  ]);
  const result = await selectItems(w.ctx, projectId);
  expect(result).toEqual({ selected: 1, skipped: { duplicate_pair: 7, near_duplicate: 0 } });
  const chosen = (await itemsOf(projectId)).filter((i) => i.strategy !== null);
  expect(chosen.map((i) => i.sampleId)).toEqual([again[6]]);
  for (const id of [...again.slice(0, 6), again[7]!]) expect(await sampleRow(id)).toMatchObject({ pooled: false, skipReason: 'duplicate_pair' });
  // Idempotent: the pool is empty now.
  expect(await selectItems(w.ctx, projectId)).toEqual({ selected: 0, skipped: { duplicate_pair: 0, near_duplicate: 0 } });
});

test('skips near-duplicates of existing items and of each other, and records why', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 100 });
  await existingItem(w.db, projectId, { externalId: 'settled-cat', textA: 'I want someone to look after my cat while I travel for work', textB: 'I can provide pet sitting and daily dog walking', status: 'settled' });
  const template = (n: number) => ({ textA: `Please help me with the weekly garden chores, request ${n}`, textB: `Gardener available for the weekly garden chores, request ${n}` });
  const ids = await poolSamples(w.db, projectId, [
    { externalId: 'cat-reworded', textA: 'I want someone to look after my cat while I travel for work!', textB: 'I can provide pet sitting and daily dog walking', uncertainty: 0.99 },
    ...Array.from({ length: 6 }, (_, n) => ({ externalId: `garden-${n}`, ...template(n + 10), uncertainty: 0.9 - n * 0.01 })),
    { externalId: 'other', ...distinctPair(3), uncertainty: 0.5 },
  ]);
  expect(await selectItems(w.ctx, projectId)).toEqual({ selected: 2, skipped: { duplicate_pair: 0, near_duplicate: 6 } });
  expect((await itemsOf(projectId)).filter((i) => i.strategy !== null).map((i) => i.sampleId)).toEqual([ids[1], ids[7]]);
  expect(await sampleRow(ids[0]!)).toMatchObject({ pooled: false, skipReason: 'near_duplicate' });
  for (const id of ids.slice(2, 7)) expect(await sampleRow(id)).toMatchObject({ pooled: false, skipReason: 'near_duplicate' });

  // With the threshold at 1, only identical shingle sets count: the reworded pair is its own question.
  const strict = await poolProject(w.db, { openItemBudget: 100, nearDuplicateThreshold: 1 });
  await poolSamples(w.db, strict, Array.from({ length: 4 }, (_, n) => ({ externalId: `g-${n}`, ...template(n + 10), uncertainty: 0.9 - n * 0.01 })));
  expect((await selectItems(w.ctx, strict)).selected).toBe(4);
});

test('swapped pairs are one question only when the project says pairs are symmetric', async () => {
  const pairs = [distinctPair(7), { textA: distinctPair(7).textB, textB: distinctPair(7).textA }];
  const sym = await poolProject(w.db, { openItemBudget: 100, symmetricPairs: true });
  await poolSamples(w.db, sym, pairs.map((t, n) => ({ externalId: `s-${n}`, ...t, uncertainty: 0.9 - n * 0.1 })), { symmetric: true });
  expect(await selectItems(w.ctx, sym)).toEqual({ selected: 1, skipped: { duplicate_pair: 1, near_duplicate: 0 } });
  const asym = await poolProject(w.db, { openItemBudget: 100 });
  await poolSamples(w.db, asym, pairs.map((t, n) => ({ externalId: `s-${n}`, ...t, uncertainty: 0.9 - n * 0.1 })));
  expect((await selectItems(w.ctx, asym)).selected).toBe(2);
});

test('reads further pages while skips eat the room, across ties, deterministically', async () => {
  const projectId = await poolProject(w.db, { openItemBudget: 2 });
  await existingItem(w.db, projectId, { externalId: 'asked', ...distinctPair(0), status: 'settled' });
  // 120 copies of an asked pair tie at the top: more than two pages of 50 (room 2 → pages of 50).
  await poolSamples(w.db, projectId, Array.from({ length: 120 }, (_, n) => ({ externalId: `dup-${n}`, ...distinctPair(0), uncertainty: 0.95 })));
  const fresh = await poolSamples(w.db, projectId, [
    { externalId: 'f-1', ...distinctPair(11), uncertainty: 0.95 },
    { externalId: 'f-2', ...distinctPair(12), uncertainty: 0.6 },
    { externalId: 'f-3', ...distinctPair(13), uncertainty: 0.4 },
  ]);
  const result = await selectItems(w.ctx, projectId);
  expect(result.selected).toBe(2);
  const chosen = (await itemsOf(projectId)).filter((i) => i.strategy !== null).map((i) => i.sampleId);
  expect(chosen).toEqual([fresh[0], fresh[1]]);
  // Every tied duplicate ranked above f-2 was looked at and left the pool; f-3 was never reached.
  expect(result.skipped.duplicate_pair).toBe(120);
  expect(await sampleRow(fresh[2]!)).toMatchObject({ pooled: true, skipReason: null });
});

test('the schedule enqueues select-items for projects with room and a pool, once each', async () => {
  const full = await poolProject(w.db, { openItemBudget: 1 });
  await poolSamples(w.db, full, [{ externalId: 'x-1', ...distinctPair(1), uncertainty: 0.5 }, { externalId: 'x-2', ...distinctPair(2), uncertainty: 0.4 }]);
  await selectItems(w.ctx, full);
  const empty = await poolProject(w.db, { openItemBudget: 10 });
  const hungry = await poolProject(w.db, { openItemBudget: 10 });
  await poolSamples(w.db, hungry, [{ externalId: 'h-1', ...distinctPair(1), uncertainty: 0.5 }]);
  const due = await projectsWithRoom(w.db);
  expect(due).toContain(hungry);
  expect(due).not.toContain(full);
  expect(due).not.toContain(empty);
  w.jobs.length = 0;
  const r = await enqueueDueSelections(w.ctx);
  expect(r.projects).toBe(due.length);
  expect(w.jobs.filter((j) => j.name === 'select-items' && j.payload.projectId === hungry)).toEqual([
    { name: 'select-items', payload: { projectId: hungry }, opts: { dedupeId: `select-items-${hungry}` } },
  ]);
  // A project deleted between the schedule and the job: a no-op.
  await w.db.delete(project).where(and(eq(project.id, empty)));
  expect(await selectItems(w.ctx, empty)).toEqual({ selected: 0, skipped: { duplicate_pair: 0, near_duplicate: 0 } });
});
